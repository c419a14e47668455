#!/usr/bin/env bash
# Builds one commit twice, each time from a fresh copy in its own folder (tests skipped), and
# compares every jar and the SBOM byte for byte. The second build differs from the first in all
# that must not matter: the umask (077 instead of 022, for the copy of the sources too), the time
# zone (UTC+14 instead of UTC), the locale and the time. Then the first copy is built again without
# clean, which must change nothing either. Prints one line per file and comparison, and exits
# non-zero when any file differs, or when a file that every build must make is missing.
#
#   scripts/check-reproducible.sh            # the commit checked out (HEAD)
#   scripts/check-reproducible.sh <commit>   # any other commit
#
# Uncommitted changes are not built. Both builds use the same Maven repository (~/.m2) and JDK, as
# a release build and a rebuild on another machine would. Maven must be online: offline, the
# CycloneDX plugin writes no SBOM.
set -euo pipefail

commit="${1:-HEAD}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/vdk-reproducible.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The first <version> of the root POM is the project's. Read to the end: a reader that stops early
# breaks the pipe, and pipefail ends the script.
version="$(git -C "$repo" show "$commit:pom.xml" | awk -F'[<>]' '/<version>/ && v == "" { v = $3 } END { print v }')"
# What every build must make; a file missing from a build fails the check.
expected=(
  "checker-api/target/checker-api-$version.jar"
  "checker-api/target/checker-api-$version-tests.jar"
  "checker-api/target/checker-api-$version-sources.jar"
  "checker-api/target/checker-api-$version-javadoc.jar"
  "checker-plugin/target/checker-plugin.jar"
  "checker-plugin/target/checker-plugin-sources.jar"
  "checker-plugin/target/checker-plugin-javadoc.jar"
  "checker-plugin/target/checker-plugin.cdx.json"
  "example-job/target/example-job.jar"
  "example-job/target/example-job-sources.jar"
  "example-job/target/example-job-javadoc.jar"
)

# build <name> <umask> <time zone> <locale> <Java's language_COUNTRY>: a fresh copy, extracted and
# built under that umask, time zone and locale.
build() {
  local name="$1" mask="$2" zone="$3" locale="$4" language="${5%_*}" country="${5#*_}"
  local dir="$work/$name"
  echo "Building $commit in $dir (umask $mask, TZ=$zone, LC_ALL=$locale, Java locale ${language}_$country) ..."
  (
    umask "$mask"
    mkdir -p "$dir"
    # As a checkout under this umask would have them, not as the archive says.
    git -C "$repo" archive --format=tar "$commit" | tar -x --no-same-permissions -C "$dir"
    cd "$dir"
    TZ="$zone" LC_ALL="$locale" LANG="$locale" \
      MAVEN_OPTS="${MAVEN_OPTS:-} -Duser.language=$language -Duser.country=$country" \
      mvn -B -q -DskipTests package > "$work/$name.log" 2>&1
  ) || {
    echo "The build in $dir failed; its last lines:" >&2
    tail -n 30 "$work/$name.log" >&2
    exit 2
  }
}

# files <folder>: the jars and SBOMs that a build left in the modules' target folders.
files() {
  (cd "$1" && find . -maxdepth 3 -path './*/target/*' \( -name '*.jar' -o -name '*.cdx.json' \) | sed 's|^\./||' | sort)
}

differ=0
same=0
# compare <label> <folder a> <folder b>: every file of either folder, and every expected file.
compare() {
  local label="$1" a="$2" b="$3" file
  while read -r file; do
    if [[ ! -f "$a/$file" || ! -f "$b/$file" ]]; then
      local where="the first"
      [[ -f "$a/$file" ]] && where="the second"
      [[ ! -f "$a/$file" && ! -f "$b/$file" ]] && where="both"
      echo "MISSING  $file  (from $where; $label)"
      differ=$((differ + 1))
    elif cmp -s "$a/$file" "$b/$file"; then
      echo "SAME     $file  $(sha256sum "$a/$file" | cut -c1-16)  $(stat -c %s "$a/$file") bytes  ($label)"
      same=$((same + 1))
    else
      echo "DIFFERS  $file  ($label)"
      differ=$((differ + 1))
    fi
  done < <({ files "$a"; files "$b"; printf '%s\n' "${expected[@]}"; } | sort -u)
}

build first 022 UTC C.UTF-8 en_US
# A second apart at least, so that any time stamp that leaks in shows.
sleep 1
build second 077 Pacific/Kiritimati POSIX tr_TR
compare "clean builds under two umasks, time zones and locales" "$work/first" "$work/second"

# The first build's files, kept aside; then the same copy built again without clean.
mkdir "$work/before-rebuild"
(cd "$work/first" && files . | while read -r file; do
  mkdir -p "$work/before-rebuild/$(dirname "$file")"
  cp -p "$file" "$work/before-rebuild/$file"
done)
echo "Building $commit again in $work/first, without clean ..."
(cd "$work/first" && TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8 mvn -B -q -DskipTests package > "$work/rebuild.log" 2>&1) || {
  echo "The rebuild in $work/first failed; its last lines:" >&2
  tail -n 30 "$work/rebuild.log" >&2
  exit 2
}
compare "a clean build and a rebuild without clean" "$work/before-rebuild" "$work/first"

commit_id="$(git -C "$repo" rev-parse --short "$commit")"
if [[ $differ -eq 0 && $same -gt 0 ]]; then
  echo "Reproducible: every comparison of commit $commit_id found the files byte for byte the same ($same comparisons)."
else
  echo "Not reproducible: $differ of $((same + differ)) comparisons of commit $commit_id found a file that differs or is missing."
  if grep -q 'requires online mode' "$work"/*.log; then
    echo "Maven ran offline, and the CycloneDX plugin wrote no SBOM: build online." >&2
  fi
  exit 1
fi
