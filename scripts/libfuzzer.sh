#!/usr/bin/env bash
# libFuzzer on the vCard reader and the date parser, with the toolchain's
# -sanitize=fuzzer (plus AddressSanitizer). Usage: scripts/libfuzzer.sh [SECONDS]
# Corpora start from the demo seeds and the reader's fixtures; crashes land in
# .build/fuzz/crashes. Not part of make test (it runs until told to stop).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=.build/fuzz
swift build --build-path "$out/pkg" --target Interop -Xswiftc -sanitize=fuzzer -Xswiftc -sanitize=address
objects=$(ls "$out"/pkg/debug/Domain.build/*.o "$out"/pkg/debug/Interop.build/*.o)
mkdir -p "$out/crashes" "$out/corpus-vcard" "$out/corpus-dates"
cp seeds/contacts.vcf Tests/InteropTests/Fixtures/*.vcf "$out/corpus-vcard/"
for d in 2026-12-01 today tomorrow "in 3 days" 3d 2w "next fri" "3 days ago" --05-17; do
  printf '%s' "$d" > "$out/corpus-dates/$(printf '%s' "$d" | md5sum | cut -c1-8)"
done
for target in VCard Dates; do
  swiftc -sanitize=fuzzer,address -parse-as-library -I "$out/pkg/debug/Modules" \
    "Tests/Fuzz/Fuzz$target.swift" $objects -o "$out/fuzz-$target"
  corpus="$out/corpus-$(echo "$target" | tr A-Z a-z)"
  "$out/fuzz-$target" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 \
    -artifact_prefix="$out/crashes/$target-" "$corpus" 2>&1 | grep -E '^(#[0-9]+ +DONE|==|SUMMARY|Done)' || true
done
ls "$out/crashes"
