#!/usr/bin/env bash
# Extracts every translatable message from lib/ and cli/ into po/stakemap.pot and merges it into each
# po/CODE.po (new messages arrive untranslated; the test i18n/catalogues-complete then fails until a
# translator fills them in).
# Usage: bash scripts/update-po.sh [--check]
#   --check  change nothing; exit 1 when a message has no translation in some po/CODE.po.
set -euo pipefail
cd "$(dirname "$0")/.."
pot="${POT_OUTPUT:-po/stakemap.pot}"
mapfile -t sources < <(find lib cli -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort)
LC_ALL=C.UTF-8 xgettext --from-code=UTF-8 --language=C++ --no-wrap --sort-by-file \
    --keyword= --keyword=words:1 --keyword=plural:1,2 --keyword=in_context:1c,2 --keyword=N_:1 \
    --output="$pot" "${sources[@]}"
status=0
for po in po/*.po; do
    if [[ "${1:-}" == "--check" ]]; then
        # msgcmp fails when a message of the template is missing from the catalogue or untranslated.
        if ! LC_ALL=C.UTF-8 msgcmp "$po" "$pot" 2>&1; then
            status=1
        fi
        # A translation may only use the placeholders of its English text ({x}), or {x_the} for the
        # same value with its article.
        if ! msgexec --input="$po" bash -c '
            [[ -z "$MSGEXEC_MSGID" ]] && exit 0
            english="$MSGEXEC_MSGID ${MSGEXEC_MSGID_PLURAL:-}"
            for name in $(grep -o "{[a-z_]*}" | sort -u); do
                base="${name%_the\}}"; base="${base%\}}}"
                if [[ "$english" != *"$name"* && "$english" != *"$base"* ]]; then
                    echo "'"$po"': \"$MSGEXEC_MSGID\": the translation uses $name" >&2
                    exit 1
                fi
            done' >/dev/null; then
            status=1
        fi
        # Fuzzy entries are not used by msgfmt: they count as untranslated.
        fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
        if [[ "$fuzzy" != "0" ]]; then
            echo "$po: fuzzy translations to review" >&2
            status=1
        fi
    else
        msgmerge --quiet --update --backup=none --no-wrap --no-fuzzy-matching "$po" "$pot"
        # Messages no longer in the code are dropped, not kept as obsolete entries.
        msgattrib --no-obsolete --no-wrap --output-file="$po" "$po"
    fi
done
exit $status
