# busybox_applets.sh - fed on stdin to `/bin/busybox sh`: the shell itself and about forty
# applets, each printing something deterministic. Under Splitvisor this exercises fork, exec
# of /proc/self/exe (busybox re-executes itself for applets), pipes between processes,
# redirections to files, directories and wait statuses, all driven by a real program.
# Everything happens in a private directory made by mktemp under /tmp, removed at the end;
# its name is never printed. find, ls and tar listings are sorted or come from files this
# script made, so directory order on the host does not matter.
set -u
T=$(mktemp -d /tmp/svbusybox-XXXXXX) || exit 90
cd "$T" || exit 91

echo "== echo and printf"
echo plain words  "quoted  spaces"
echo -n "no newline"; echo " <- joined"
printf '%s|%5d|%-4s|%x|%o|%c|%%\n' str 42 ab 255 8 Z
printf '%.3f %e\n' 3.14159 12345.678

echo "== files: cat, wc, head, tail, cut, sort, uniq, tr"
printf 'pear\napple\nfig\napple\nbanana\nfig\napple\n' > fruit.txt
cat fruit.txt | wc -l
wc -c < fruit.txt
wc fruit.txt
head -n 2 fruit.txt
tail -n 2 fruit.txt
sort fruit.txt | uniq -c
sort -u fruit.txt | tr 'a-z' 'A-Z'
sort -r fruit.txt | head -n 3
printf 'a:b:c\n1:2:3\n' | cut -d: -f2,3
echo "hello world" | tr -d 'lo'
echo "aaabbbccc" | tr -s 'abc'

echo "== sed, awk, grep"
sed -n '2,4p' fruit.txt
sed 's/apple/APPLE/g; /fig/d' fruit.txt
awk '{ n[$1]++ } END { for (k in n) print k, n[k] }' fruit.txt | sort
awk 'BEGIN { s = 0; for (i = 1; i <= 10; i++) s += i * i; printf "sum of squares %d\n", s }'
printf '3 4\n5 12\n' | awk '{ printf "%d^2+%d^2=%d\n", $1, $2, $1*$1+$2*$2 }'
grep -c apple fruit.txt
grep -n fig fruit.txt
grep -v -e apple -e fig fruit.txt
grep -q banana fruit.txt && echo "grep -q found banana"
grep nothing fruit.txt; echo "grep miss status $?"

echo "== seq, expr, test"
seq 5 | tr '\n' ' '; echo
seq 1 3 10 | tr '\n' ','; echo
expr 6 \* 7
expr length "splitvisor"
expr 17 % 5
test 3 -lt 5 && echo "3 < 5"
[ -f fruit.txt ] && echo "fruit.txt is a file"
[ -d fruit.txt ] || echo "fruit.txt is not a directory"
[ "abc" = "abd" ]; echo "string compare status $?"
true; echo "true -> $?"
false; echo "false -> $?"

echo "== checksums, gzip, od"
printf 'The quick brown fox jumps over the lazy dog' > fox.txt
md5sum fox.txt
sha256sum fox.txt
sha1sum < fox.txt
seq 1 2000 > numbers.txt
gzip -n -c numbers.txt > numbers.gz
md5sum numbers.gz | cut -d' ' -f1
gunzip -c numbers.gz | md5sum | cut -d' ' -f1
md5sum < numbers.txt | cut -d' ' -f1
printf 'AB\001\377z' | od -c
printf 'AB\001\377z' | od -A x -t x1

echo "== directories: mkdir, find, ls, basename, dirname, rm"
mkdir -p tree/a/b tree/c
touch tree/a/one tree/a/b/two tree/c/three tree/top
find tree | sort
find tree -type f -name 't*' | sort
ls tree
ls -a tree/a
basename /usr/local/lib/libfoo.so.1
basename /path/to/file.txt .txt
dirname /usr/local/lib/libfoo.so.1
dirname plainname

echo "== tar"
tar -cf tree.tar tree
tar -tf tree.tar | sort
mkdir unpack && tar -xf tree.tar -C unpack && find unpack -type f | sort
rm -r unpack tree.tar

echo "== yes, xargs, env"
yes splitvisor | head -n 3
yes | head -n 1000 | wc -l
echo "one two three four five" | xargs -n 2 echo "args:"
seq 3 | xargs printf '<%s>'; echo
SVTEST_MARKER=present env | grep '^SVTEST_MARKER='

echo "== pipelines, functions, loops, substitutions"
seq 1 100 | sort -r | head -n 3 | tr '\n' ' '; echo
seq 1 100 | awk '{ s += $1 } END { print "sum", s }'
greet() { echo "hello, $1 (from a function, $# arg)"; return 3; }
greet world; echo "function status $?"
for f in c b a; do printf '%s-' "$f"; done; echo
i=0; while [ $i -lt 4 ]; do i=$((i + 1)); done; echo "while loop ended at $i"
echo "command substitution: $(echo inner | tr a-z A-Z)"
echo "backticks: `expr 2 + 3`"
echo "arithmetic: $(( (7 + 3) * 4 / 2 ))"
case "fig.txt" in *.txt) echo "case matched *.txt";; *) echo "case fell through";; esac

echo "== redirections and subshells"
echo first > out.txt
echo second >> out.txt
cat out.txt
ls no-such-file > err.txt 2>&1; echo "ls status $?, messages captured: $(wc -l < err.txt)"
sort < fruit.txt | head -n 1
(cd tree/a && pwd | sed "s|^$T|<tmp>|"; exit 4); echo "subshell status $?"
pwd | sed "s|^$T|<tmp>|"
x=outer; (x=inner; echo "in subshell x=$x"); echo "after subshell x=$x"
{ echo grouped one; echo grouped two; } | wc -l

echo "== cleanup"
cd /
rm -r "$T"
[ -e "$T" ] || echo "private directory removed"
