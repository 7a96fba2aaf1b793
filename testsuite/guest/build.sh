#!/usr/bin/env bash
# Builds the Splitvisor guest test programs and records or checks their native outputs.
#
#   build.sh                 rebuild every binary in bin/ from src/
#   build.sh --record        rebuild, run every case of programs.txt natively twice, fail if the
#                            two runs differ, and write expected/<case>.out and .exit
#   build.sh --check         rebuild into a temporary directory, run both the fresh and the
#                            committed binaries natively, and compare with expected/ (CI mode)
#   build.sh --run-with CMD  run the committed binaries under CMD (for example
#                            "qemu-x86_64-static") and compare with expected/; builds nothing
#
# C programs are built twice, with musl-gcc (suffix .musl) and gcc (suffix .glibc), both
# -static -O2; assembly programs with nasm -f elf64 and ld (no suffix). Compilation happens
# inside src/ with relative file names and a fixed locale, so the binaries do not depend on
# where the tree is checked out. A case whose binary field is an absolute path runs that program
# of the host instead (the shell cases: /bin/busybox, /bin/bash-static) and is skipped with a
# notice when the file is not installed. Exit status: 0 on success, 1 on a mismatch, 127 when a tool
# is missing.
set -euo pipefail
export LC_ALL=C SOURCE_DATE_EPOCH=0

GUEST_DIR=$(cd "$(dirname "$0")" && pwd)
SRC_DIR=$GUEST_DIR/src
CFLAGS_COMMON="-static -O2 -Wall -Wextra"
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

die() {
    echo "build.sh: $*" >&2
    exit 1
}

require_tools() {
    local tool
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "build.sh: missing tool: $tool (Debian: apt-get install -y gcc musl-tools nasm" \
                "binutils diffutils)" >&2
            exit 127
        fi
    done
}

# Extra compiler flags a program needs: the instruction sets it uses, or strict FP semantics.
extra_cflags() {
    case "$1" in
        sse_ops) echo "-msse4.2 -mpopcnt" ;;
        floatmath) echo "-frounding-math" ;;
        *) echo "" ;;
    esac
}

build_all() {
    local out=$1 src name obj
    mkdir -p "$out"
    cd "$SRC_DIR"
    for src in *.c; do
        name=${src%.c}
        # shellcheck disable=SC2046 # the flags are meant to split into words
        musl-gcc $CFLAGS_COMMON $(extra_cflags "$name") -o "$out/$name.musl" "$src" -lm
        # shellcheck disable=SC2046
        gcc $CFLAGS_COMMON $(extra_cflags "$name") -o "$out/$name.glibc" "$src" -lm
    done
    obj=$SCRATCH/obj
    mkdir -p "$obj"
    for src in *.asm; do
        name=${src%.asm}
        nasm -f elf64 -o "$obj/$name.o" "$src"
        ld -o "$out/$name" "$obj/$name.o"
    done
    cd - >/dev/null
}

# Prints the cases of programs.txt, one per line, fields separated by TABs.
list_cases() {
    grep -v -e '^#' -e '^[[:space:]]*$' "$GUEST_DIR/programs.txt"
}

# binary_path BIN_DIR BINARY: the file a case runs. An absolute BINARY is a program of the host
# (for example /bin/busybox), used as it is; any other name is a file under BIN_DIR.
binary_path() {
    case "$2" in
        /*) echo "$2" ;;
        *) echo "$1/$2" ;;
    esac
}

# skip_absent CASE BINARY: true, after printing a notice, when BINARY is an absolute host path
# that does not exist here (the shell cases need Debian's busybox-static and bash-static).
skip_absent() {
    case "$2" in
        /*)
            if [ ! -x "$2" ]; then
                echo "skipped $1: $2 is not installed on this host"
                return 0
            fi
            ;;
    esac
    return 1
}

# run_case BIN_DIR BINARY ARGS STDIN OUT_PREFIX [RUNNER...]: writes OUT_PREFIX.out and .exit.
# A program killed by a signal gets the shell's status 128+N. The braces with their own stderr
# redirection keep bash's "Segmentation fault" notices for the bad-guest cases off the terminal.
run_case() {
    local bin_dir=$1 binary=$2 args=$3 stdin=$4 prefix=$5 status=0
    shift 5
    local input=/dev/null argv=() path
    path=$(binary_path "$bin_dir" "$binary")
    [ "$stdin" = "-" ] || input=$GUEST_DIR/input/$stdin
    [ "$args" = "-" ] || read -r -a argv <<<"$args"
    { "$@" "$path" ${argv[@]+"${argv[@]}"} <"$input" >"$prefix.out" 2>/dev/null ||
        status=$?; } 2>/dev/null
    echo "$status" >"$prefix.exit"
}

record() {
    local tmp=$SCRATCH/record case binary args stdin what
    mkdir -p "$tmp"
    mkdir -p "$GUEST_DIR/expected"
    while IFS=$'\t' read -r case binary args stdin what; do
        skip_absent "$case" "$binary" && continue
        run_case "$GUEST_DIR/bin" "$binary" "$args" "$stdin" "$tmp/first"
        run_case "$GUEST_DIR/bin" "$binary" "$args" "$stdin" "$tmp/second"
        cmp -s "$tmp/first.out" "$tmp/second.out" && cmp -s "$tmp/first.exit" "$tmp/second.exit" ||
            die "$case is not deterministic: two native runs differ"
        cp "$tmp/first.out" "$GUEST_DIR/expected/$case.out"
        cp "$tmp/first.exit" "$GUEST_DIR/expected/$case.exit"
        echo "recorded $case: exit $(cat "$tmp/first.exit"), $(wc -c <"$tmp/first.out") bytes"
    done < <(list_cases)
}

# compare_all LABEL BIN_DIR [RUNNER...]: runs every case, prints one line per mismatch, and
# returns 1 when any case differs from expected/.
compare_all() {
    local label=$1 bin_dir=$2 tmp=$SCRATCH/compare case binary args stdin what failed=0 total=0
    local skipped=0
    shift 2
    mkdir -p "$tmp"
    while IFS=$'\t' read -r case binary args stdin what; do
        if skip_absent "$case" "$binary"; then
            skipped=$((skipped + 1))
            continue
        fi
        total=$((total + 1))
        run_case "$bin_dir" "$binary" "$args" "$stdin" "$tmp/run" "$@"
        if ! cmp -s "$tmp/run.out" "$GUEST_DIR/expected/$case.out"; then
            echo "MISMATCH [$label] $case: stdout differs (first difference:" \
                "$(cmp "$tmp/run.out" "$GUEST_DIR/expected/$case.out" 2>&1 | head -1))"
            failed=$((failed + 1))
        elif ! cmp -s "$tmp/run.exit" "$GUEST_DIR/expected/$case.exit"; then
            echo "MISMATCH [$label] $case: exit $(cat "$tmp/run.exit")," \
                "expected $(cat "$GUEST_DIR/expected/$case.exit")"
            failed=$((failed + 1))
        fi
    done < <(list_cases)
    echo "[$label] $((total - failed)) of $total cases match expected/ ($skipped skipped)"
    [ "$failed" -eq 0 ]
}

# Reports which committed binaries differ from a fresh build. Informational only: another
# compiler or libc version legitimately produces other bytes with the same behaviour.
report_binary_drift() {
    local fresh=$1 f same=0 differ=0
    for f in "$fresh"/*; do
        if cmp -s "$f" "$GUEST_DIR/bin/$(basename "$f")"; then
            same=$((same + 1))
        else
            differ=$((differ + 1))
            echo "note: bin/$(basename "$f") differs from a fresh build (toolchain drift?)"
        fi
    done
    echo "fresh build: $same binaries byte-identical to bin/, $differ different"
}

check() {
    local fresh=$SCRATCH/fresh rc=0
    build_all "$fresh"
    report_binary_drift "$fresh"
    compare_all fresh "$fresh" || rc=1
    compare_all committed "$GUEST_DIR/bin" || rc=1
    return "$rc"
}

main() {
    require_tools cmp mktemp
    case "${1:-}" in
        "")
            require_tools gcc musl-gcc nasm ld
            build_all "$GUEST_DIR/bin"
            ;;
        --record)
            require_tools gcc musl-gcc nasm ld
            build_all "$GUEST_DIR/bin"
            record
            ;;
        --check)
            require_tools gcc musl-gcc nasm ld
            check
            ;;
        --run-with)
            [ $# -ge 2 ] || die "--run-with needs a command, e.g. --run-with qemu-x86_64-static"
            # shellcheck disable=SC2086 # the runner command may carry its own arguments
            compare_all "$2" "$GUEST_DIR/bin" $2
            ;;
        *)
            die "unknown option: $1 (use --record, --check or --run-with CMD)"
            ;;
    esac
}

main "$@"
