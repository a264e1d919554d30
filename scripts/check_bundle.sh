#!/usr/bin/env bash
# Build the PyInstaller bundle and check that it works: the CLI inside makes and checks the demo
# ledger, and the window starts on it (offscreen) and keeps running without an error in its log.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
work=$(mktemp -d /tmp/bundle-check.XXXXXX)
trap 'rm -rf "$work"' EXIT

"$python" -m PyInstaller --noconfirm --log-level WARN --distpath "$work/dist" \
  --workpath "$work/build" build.spec
bundle="$work/dist/hazard-ledger"
du -sh "$bundle"
"$bundle/hazard-ledger-cli" --data-dir "$work/data" demo
"$bundle/hazard-ledger-cli" --data-dir "$work/data" check
test -f "$bundle/_internal/resources/fonts/wqy-microhei.ttc"
test -f "$bundle/_internal/PySide6/Qt/translations/qtbase_zh_CN.qm"
# The document preview and printing (QtPdf comes from its own wheel, pyside6-pdf).
for module in QtPdf QtPdfWidgets QtPrintSupport; do
  ls "$bundle/_internal/PySide6/$module".* >/dev/null
done
if [ "$(uname)" = Linux ]; then
  for lib in libQt6Pdf.so.6 libQt6PdfWidgets.so.6 libQt6PrintSupport.so.6 libQt6Network.so.6; do
    test -e "$bundle/_internal/PySide6/Qt/lib/$lib" || test -e "$bundle/_internal/$lib"
  done
  test -f "$bundle/_internal/PySide6/Qt/plugins/printsupport/libcupsprintersupport.so"
fi

QT_QPA_PLATFORM=offscreen "$bundle/hazard-ledger" --data-dir "$work/data" >"$work/gui.out" 2>&1 &
pid=$!
sleep 6
if ! kill -0 "$pid" 2>/dev/null; then
  echo "the bundled window exited early:"; cat "$work/gui.out"; exit 1
fi
kill "$pid"
if grep -q ERROR "$work/data/hazard_ledger.log" 2>/dev/null; then
  echo "the bundled window logged an error:"; cat "$work/data/hazard_ledger.log"; exit 1
fi
echo "bundle OK: CLI and window start"
