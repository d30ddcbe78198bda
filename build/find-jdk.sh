#!/usr/bin/env sh
# Prints the home of a JDK whose major version is at least $1 (default 21).
# Looks at JAVA_HOME first, then every JDK under /usr/lib/jvm (newest first).
# Exits 1 with a clear message on stderr when none qualifies.
min="${1:-21}"

major_of() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

qualifies() {
  [ -x "$1/bin/javac" ] || return 1
  v=$(major_of "$1")
  [ -n "$v" ] && [ "$v" -ge "$min" ]
}

if [ -n "${JAVA_HOME:-}" ] && qualifies "$JAVA_HOME"; then
  echo "$JAVA_HOME"; exit 0
fi
for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV); do
  [ -L "$candidate" ] && continue
  if qualifies "$candidate"; then echo "$candidate"; exit 0; fi
done
echo "coldbrew needs a JDK $min or newer (Lambda java21/java25). JAVA_HOME=${JAVA_HOME:-<unset>} is not one, and none was found under /usr/lib/jvm. Install one (e.g. Temurin 25) and set JAVA_HOME." >&2
exit 1
