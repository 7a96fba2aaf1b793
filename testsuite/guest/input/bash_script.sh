# bash_script.sh - fed on stdin to `/bin/bash-static`: the bash language using builtins only
# (the guest root has no coreutils beside it). Functions with local variables, arithmetic,
# indexed and associative arrays, loops, case, subshells, command substitution (a fork and a
# pipe each), pipelines between builtins, here-documents and here-strings, redirections to
# /dev/null and to fd duplicates, parameter expansion, read loops, printf -v, and a trap on
# EXIT that runs last. Output is deterministic; no file outside /dev/null is written, and no
# pid, time or path of the host is printed.
set -u

trap 'echo "EXIT trap ran, last status was $?"' EXIT

echo "== functions and local variables"
counter=10
bump() {
	local counter=$1
	counter=$((counter * 2))
	echo "inside bump: local counter=$counter"
	return $((counter % 7))
}
bump 5; echo "bump returned $?, global counter still $counter"
fact() { if (( $1 <= 1 )); then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }
echo "fact 10 = $(fact 10)"
fib() {
	local a=0 b=1 i t
	for (( i = 0; i < $1; i++ )); do t=$((a + b)); a=$b; b=$t; done
	echo $a
}
echo "fib 50 = $(fib 50)"

echo "== arithmetic"
echo "$(( 2 ** 40 )) $(( -17 / 5 )) $(( -17 % 5 )) $(( 1 << 62 )) $(( 0xff ^ 0x0f )) $(( 8#777 ))"
echo "$(( 9223372036854775807 + 1 )) (wraps)"
x=5; (( x += 3, x *= 2 )); echo "x=$x"
(( 0 )); echo "(( 0 )) status $?"
let "y = x > 10 ? 100 : 200"; echo "y=$y"
echo "ternary and comparisons: $(( x == 16 && y == 100 ))"

echo "== arrays"
fruits=(pear apple "star fruit" fig)
echo "count ${#fruits[@]}, second ${fruits[1]}, third '${fruits[2]}', last ${fruits[-1]}"
fruits+=(kiwi)
echo "slice: ${fruits[@]:1:3}"
for i in "${!fruits[@]}"; do printf '%d=%s;' "$i" "${fruits[$i]}"; done; echo
unset 'fruits[0]'; echo "after unset: ${fruits[*]} (indices ${!fruits[*]})"
declare -A colour=([sky]=blue [grass]=green [sun]=yellow)
for k in grass sky sun; do echo "colour[$k]=${colour[$k]}"; done
echo "assoc count ${#colour[@]}, has sky: ${colour[sky]+yes}, has moon: ${colour[moon]-no}"
sorted=()
for v in 42 7 19 3 88 1; do
	i=${#sorted[@]}
	while (( i > 0 && sorted[i-1] > v )); do sorted[i]=${sorted[i-1]}; i=$((i - 1)); done
	sorted[i]=$v
done
echo "insertion sort: ${sorted[*]}"

echo "== loops and case"
for w in alpha beta gamma; do printf '%s ' "${w^}"; done; echo
n=0
while true; do
	n=$((n + 1)); (( n == 3 )) && continue; (( n > 5 )) && break; printf '%d ' $n
done; echo
until (( n == 0 )); do n=$((n - 2)); (( n < 0 )) && n=0; done; echo "until ended at $n"
for f in report.txt image.PNG script.sh noext; do
	case "$f" in
		*.txt) kind=text ;;
		*.[Pp][Nn][Gg]) kind=image ;;
		*.sh|*.bash) kind=script ;;
		*) kind=unknown ;;
	esac
	echo "$f -> $kind"
done

echo "== string operations"
path=/usr/local/lib/libsplit.so.1.2
echo "${path##*/} ${path%/*} ${path#*/} ${path%%.*} ${#path}"
s="Hello, Split World"
echo "${s/World/Visor} ${s//l/L} ${s:7} ${s:7:5} ${s,,} ${s^^}"
unset missing
echo "default ${missing:-fallback}, assigned ${missing:=now-set}, then $missing"
printf -v padded '%08.3f|%-6s|%+d' 3.14159 ab 7; echo "printf -v: $padded"
[[ "splitvisor" == split* ]] && echo "glob match in [[ ]]"
[[ "abc123" =~ ^([a-z]+)([0-9]+)$ ]] && echo "regex groups: ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"

echo "== subshells, command substitution, pipes"
v=outer; (v=inner; echo "subshell sees $v"; exit 6); echo "subshell status $?, v=$v"
out=$(for i in 1 2 3; do echo "line $i"; done); echo "captured ${#out} chars"
echo "nested: $(echo "a$(echo "b$(echo c)")")"
printf '%s\n' one two three | while read -r line; do echo "piped: $line"; done
echo "pipeline status: $(false | true; echo $?)" \
	"with pipefail: $(set -o pipefail; false | true; echo $?)"
count=0; while read -r _; do count=$((count + 1)); done < <(printf 'a\nb\nc\nd\n')
echo "process substitution lines: $count"

echo "== here-documents and read"
cat_builtin() { local l; while IFS= read -r l; do echo "[$l]"; done; }
name=guest
cat_builtin <<END
  here-doc for $name, sum $((2 + 3))
literal \$name
END
cat_builtin <<'END'
quoted here-doc keeps $name and $((1 + 1))
END
cat_builtin <<-END
	tab-stripped line
	END
read -r a b rest <<< "first second third fourth"; echo "a=$a b=$b rest=$rest"
IFS=: read -r -a parts <<< "x:y::z"; echo "split into ${#parts[@]}: ${parts[*]}"
while IFS== read -r key value; do echo "key=$key value=$value"; done <<'END'
width=80
height=24
END
read -r -n 3 three <<< "abcdef"; echo "read -n 3: $three"

echo "== redirections"
echo "to /dev/null" > /dev/null
{ echo "to stderr, discarded" >&2; } 2>/dev/null
exec 3>&1; echo "through fd 3" >&3; exec 3>&-
echo "stdout and stderr merged" 2>&1
mapfile -t lines < <(printf 'm1\nm2\nm3\n'); echo "mapfile: ${#lines[@]} lines, last ${lines[2]}"
type -t bump; type -t echo; type -t if
declare -i integer=7*6; echo "declare -i: $integer"
echo "done; exit status will be 5"
exit 5
