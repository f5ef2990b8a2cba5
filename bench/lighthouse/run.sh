#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility; mobile and desktop) for the clinic's public pages, measured with the
# real Chromium against the published Release host on a throwaway SQLite database seeded with the demo clinic (--demo).
# It publishes rather than `dotnet run`s: outside Development, a host run from its build folder answers 500 for the
# modules' static files (/_content/...), so the pages would be measured without the cookie banner's styles and script.
#
#   bench/lighthouse/run.sh                         # the default pages below
#   bench/lighthouse/run.sh / /about /services      # any pages, as paths
#
# Environment: CHROME_PATH (default /usr/bin/chromium); LIGHTHOUSE_DIR, where the npm package `lighthouse` is
# installed if missing (default ~/.cache/clinic-lighthouse, never inside the repository); LIGHTHOUSE_VERSION
# (default 12.8.2); LIGHTHOUSE_OUT, where the JSON reports are kept (default a new temporary folder);
# LIGHTHOUSE_HOST_DIR, an existing publish folder to measure instead of publishing the working tree;
# LIGHTHOUSE_RUNS, runs per page and device (default 3; the median by performance score is reported).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=(/ /about /services /book /consultation /privacy /cookies)
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
tool=${LIGHTHOUSE_DIR:-$HOME/.cache/clinic-lighthouse}
version=${LIGHTHOUSE_VERSION:-12.8.2}
runs=${LIGHTHOUSE_RUNS:-3}
work=$(mktemp -d)
out=${LIGHTHOUSE_OUT:-$work/reports}
mkdir -p "$out"
host_pid=
publish=${LIGHTHOUSE_HOST_DIR:-$work/publish}

cleanup() {
    # The host runs in its own process group (setsid), so this ends dotnet run and the server it started, nothing else.
    [ -n "$host_pid" ] && kill -- "-$host_pid" 2>/dev/null || true
    [ -n "$host_pid" ] && wait "$host_pid" 2>/dev/null || true
    rm -rf "$work/data" "$work/publish"
}
trap cleanup EXIT

lighthouse="$tool/node_modules/.bin/lighthouse"
if [ ! -x "$lighthouse" ] || [ "$("$lighthouse" --version)" != "$version" ]; then
    echo "Installing lighthouse@$version into $tool" >&2
    npm install --prefix "$tool" --no-audit --no-fund --silent "lighthouse@$version" >&2
fi

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();})")
base="http://127.0.0.1:$port"
mkdir -p "$work/data"
if [ -z "${LIGHTHOUSE_HOST_DIR:-}" ]; then
    echo "Publishing the Release host to $publish" >&2
    dotnet publish "$repo/src/Host/Clinic.Host.csproj" -c Release -o "$publish" --nologo -v quiet >"$work/publish.log" 2>&1 \
        || { tail -n 40 "$work/publish.log" >&2; exit 1; }
fi
echo "Starting the host at $base (log: $work/host.log)" >&2
(
    cd "$work"
    ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Clinic="Data Source=$work/data/clinic.db" \
    Clinic__PublicUrl="$base" \
    exec setsid dotnet "$publish/Clinic.Host.dll" --contentRoot "$publish" --demo --urls "$base"
) >"$work/host.log" 2>&1 &
host_pid=$!

for _ in $(seq 1 120); do
    curl -fs "$base/health/ready" >/dev/null 2>&1 && break
    kill -0 "$host_pid" 2>/dev/null || { tail -n 40 "$work/host.log" >&2; echo "The host stopped before it was ready." >&2; exit 1; }
    sleep 1
done
curl -fs "$base/health/ready" >/dev/null || { tail -n 40 "$work/host.log" >&2; echo "The host was not ready within 2 minutes." >&2; exit 1; }

# One warm-up request per page, so the first measured load is not the JIT's first run of that page.
for page in "${pages[@]}"; do curl -fs -o /dev/null "$base$page" || true; done

flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
# The machine's load moves Total Blocking Time a lot, so each page is measured several times and the median run reported.
# "cpu" is Lighthouse's benchmark index of the median run: near 1500 on this machine when quiet, far lower when busy.
printf '%-14s %-8s %11s %9s %13s %5s  %s\n' page device performance "(min-max)" accessibility cpu "failed audits (median run)"
status=0
for page in "${pages[@]}"; do
    for device in mobile desktop; do
        name=$(echo "${page#/}" | tr '/' '_'); name=${name:-home}
        preset=()
        [ "$device" = desktop ] && preset=(--preset=desktop)
        reports=()
        for run in $(seq 1 "$runs"); do
            report="$out/$name-$device-$run.json"
            if "$lighthouse" "$base$page" --quiet --only-categories=performance,accessibility --form-factor="$device" "${preset[@]}" \
                --chrome-flags="$flags" --output=json --output-path="$report" >"$work/lighthouse.log" 2>&1; then
                reports+=("$report")
            else
                tail -n 20 "$work/lighthouse.log" >&2
                status=1
            fi
        done
        [ ${#reports[@]} -gt 0 ] || continue
        node -e '
            const [page, device, ...files] = process.argv.slice(1);
            const score = (r, c) => r.categories[c].score === null ? NaN : Math.round(r.categories[c].score * 100);
            // A run Lighthouse could not trace (e.g. NO_NAVSTART on a busy machine) has no scores; it is counted, not ranked.
            const all = files.map(f => require(f));
            const runs = all.filter(r => !r.runtimeError).sort((a, b) => score(a, "performance") - score(b, "performance"));
            if (runs.length === 0) { console.log(page.padEnd(14), device.padEnd(8), "error:", all[0].runtimeError.message); process.exit(); }
            const median = runs[Math.floor(runs.length / 2)];
            const range = `(${score(runs[0], "performance")}-${score(runs[runs.length - 1], "performance")})`;
            // Only audits that weigh in a score: the performance metrics and the accessibility checks.
            const failed = Object.values(median.categories).flatMap(c => c.auditRefs).filter(ref => ref.weight > 0)
                .map(ref => median.audits[ref.id]).filter(a => a.score !== null && a.score < 0.9)
                .map(a => a.displayValue ? `${a.id} (${a.displayValue})` : a.id);
            const lost = all.length - runs.length;
            const note = (lost ? `[${lost} of ${all.length} runs failed] ` : "") + failed.join(" ");
            console.log(page.padEnd(14), device.padEnd(8), String(score(median, "performance")).padStart(11), range.padStart(9),
                String(score(median, "accessibility")).padStart(13), String(Math.round(median.environment.benchmarkIndex)).padStart(5), "", note);' "$page" "$device" "${reports[@]}"
    done
done
echo "Lighthouse $("$lighthouse" --version), $("$CHROME_PATH" --version 2>/dev/null | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg), reports in $out" >&2
exit $status
