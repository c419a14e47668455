#!/usr/bin/env bash
# Builds one commit twice, each time from a fresh copy in its own folder (tests skipped), and
# compares every jar and the SBOM byte for byte. Prints one line per file and exits non-zero when
# any file differs or is missing from one build.
#
#   scripts/check-reproducible.sh            # the commit checked out (HEAD)
#   scripts/check-reproducible.sh <commit>   # any other commit
#
# Uncommitted changes are not built. Both builds use the same Maven repository (~/.m2) and JDK;
# only the folder and the time differ, as they would between a release build and a rebuild.
set -euo pipefail

commit="${1:-HEAD}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/vdk-reproducible.XXXXXX")"
trap 'rm -rf "$work"' EXIT

build() {
  local dir="$work/$1"
  mkdir -p "$dir"
  git -C "$repo" archive --format=tar "$commit" | tar -x -C "$dir"
  echo "Building $commit in $dir ..."
  (cd "$dir" && mvn -B -q -DskipTests package > "$work/$1.log" 2>&1) || {
    echo "The build in $dir failed; its last lines:" >&2
    tail -n 30 "$work/$1.log" >&2
    exit 2
  }
  (cd "$dir" && find . -maxdepth 3 -path './*/target/*' \( -name '*.jar' -o -name '*.cdx.json' \) | sort) > "$work/$1.files"
}

build first
# A second apart at least, so that any time stamp that leaks in shows.
sleep 1
build second

differ=0
same=0
while read -r file; do
  a="$work/first/$file"
  b="$work/second/$file"
  if [[ ! -f "$b" ]]; then
    echo "MISSING  ${file#./} (only in the first build)"
    differ=$((differ + 1))
  elif cmp -s "$a" "$b"; then
    echo "SAME     ${file#./}  $(sha256sum "$a" | cut -c1-16)  $(stat -c %s "$a") bytes"
    same=$((same + 1))
  else
    echo "DIFFERS  ${file#./}"
    differ=$((differ + 1))
  fi
done < "$work/first.files"
while read -r file; do
  if [[ ! -f "$work/first/$file" ]]; then
    echo "MISSING  ${file#./} (only in the second build)"
    differ=$((differ + 1))
  fi
done < "$work/second.files"

commit_id="$(git -C "$repo" rev-parse --short "$commit")"
if [[ $differ -eq 0 && $same -gt 0 ]]; then
  echo "Reproducible: $same files of commit $commit_id are byte for byte the same in both builds."
else
  echo "Not reproducible: $differ of $((same + differ)) files of commit $commit_id differ between the two builds."
  exit 1
fi
