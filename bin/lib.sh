#!/usr/bin/env bash
# Shared by the bin/ scripts: builds the project when needed, then runs a main class with the
# module's runtime classpath. Offline once ~/.m2 is warm; online only for the first build.
set -euo pipefail
VIDGAN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# TensorFlow's INFO lines (oneDNN, cpu features) are noise on the console; warnings still show.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-1}"

vidgan_build() {
  local stamp="$VIDGAN_ROOT/target/.build-stamp"
  local changed=""
  if [[ -f "$stamp" ]]; then
    changed="$(find "$VIDGAN_ROOT" -path "$VIDGAN_ROOT/.git" -prune -o \
      \( -name pom.xml -o -path '*/src/main/*' -o -path "$VIDGAN_ROOT/configs/*" \) \
      -newer "$stamp" -print -quit)"
  fi
  if [[ ! -f "$stamp" || -n "$changed" ]]; then
    echo "vidgan: building (first use or sources changed) ..." >&2
    (cd "$VIDGAN_ROOT" && { mvn -B -q -o -DskipTests package >/dev/null 2>&1 \
      || mvn -B -q -DskipTests package; }) >&2
    mkdir -p "$VIDGAN_ROOT/target"
    touch "$stamp"
  fi
}

# vidgan_run MODULE MAIN_CLASS [ARGS...]
vidgan_run() {
  local module="$1" main="$2"
  shift 2
  vidgan_build
  local cp="$VIDGAN_ROOT/$module/target/classes:$(cat "$VIDGAN_ROOT/$module/target/classpath.txt")"
  # shellcheck disable=SC2086
  exec java ${VIDGAN_JAVA_OPTS:-} -cp "$cp" "$main" "$@"
}
