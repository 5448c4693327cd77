#!/usr/bin/env bash
# Side-by-side build benchmark: relais and Hugo on the same generated corpus,
# in one run, alternating the two commands, writing to /dev/shm (the disk here
# is slow and erratic with many small files). Reports wall time, CPU time and
# peak memory of each, and the ratio.
#
#   scripts/bench.sh [-n POSTS] [-runs RUNS] [-work DIR] [-serve EDITS] [-serve-only]
#
# -serve EDITS adds the live-reload benchmark: relais serve, hugo server
# (fast render, its default) and hugo server --disableFastRender run side by
# side on copies of the corpus; EDITS times, in turn, a word is appended to
# one article of each copy, then EDITS times a word is put at the start of
# its first paragraph, and the time until the page served over HTTP
# contains it is measured (and relais's own printed rebuild time). Medians
# are reported. -serve-only skips the build benchmark.
#
# Needs ../shared/bench (the corpus generator and the Hugo site), hugo and
# GNU time (Debian packages hugo and time).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
n=10000 runs=3 work=/dev/shm/relais-bench serve=0 buildbench=1
while (($#)); do
  case $1 in
    -n) n=$2; shift 2 ;;
    -runs) runs=$2; shift 2 ;;
    -work) work=$2; shift 2 ;;
    -serve) serve=$2; shift 2 ;;
    -serve-only) buildbench=0; shift ;;
    *) echo "usage: $0 [-n POSTS] [-runs RUNS] [-work DIR] [-serve EDITS] [-serve-only]" >&2; exit 2 ;;
  esac
done
shared=$repo/../shared/bench
[ -d "$shared/gencorpus" ] || { echo "bench: $shared not found (the shared folder sits beside the repo)" >&2; exit 1; }
command -v hugo >/dev/null || { echo "bench: hugo not installed (apt-get install hugo)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: GNU time not installed (apt-get install time)" >&2; exit 1; }

mkdir -p "$work"
corpus=$work/corpus
if [ ! -f "$corpus/.n-$n" ]; then
  echo "bench: generating $n posts"
  rm -rf "$corpus"
  (cd "$shared/gencorpus" && go run . -n "$n" -out "$corpus")
  touch "$corpus/.n-$n"
fi

# The relais site: same pages as the Hugo site (home paginated by 10, posts,
# tags and categories paginated by 10, RSS, sitemap), plus what relais always
# does on top: Atom and JSON feeds for every list, social excerpts and exports.
site=$work/relais-site
rm -rf "$site"; mkdir -p "$site"
ln -s "$corpus/content" "$site/content"
cat > "$site/config.toml" <<'TOML'
baseURL = "https://blog.example.org/"
languageCode = "fr-FR"
title = "Le blog du community manager"
timeZone = "Europe/Paris"
paginate = 10
[feeds]
limit = 20
[cards]
disabled = true  # Hugo draws no images; cards are measured on their own below
TOML

# Hugo with the same Markdown work as relais: highlighting and typographer on.
hs=$work/hugo-site
rm -rf "$hs"; mkdir -p "$hs"
cp -r "$shared/hugo-site/." "$hs/"
sed -i '/codeFences = false/d; /typographer = false/d' "$hs/hugo.toml"
ln -s "$corpus/content" "$hs/content"

echo "bench: building relais"
go build -o "$work/relais" ./cmd/relais

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

if ((buildbench)); then
measure() { # name outdir cmd... -> "wall_s cpu_s maxrss_kb"
  local name=$1 out=$2; shift 2
  rm -rf "$out"
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" >/dev/null 2>"$work/$name.err" || { cat "$work/$name.err" >&2; exit 1; }
  awk '{printf "%.2f %.2f %d\n", $1, $2+$3, $4}' "$work/$name.time"
}

declare -a rw rc rm hw hc hm
for ((i = 1; i <= runs; i++)); do
  read -r w c m < <(measure hugo "$work/hugo-out" hugo --quiet -s "$hs" -d "$work/hugo-out")
  hw+=("$w") hc+=("$c") hm+=("$m")
  read -r w c m < <(measure relais "$work/relais-out" "$work/relais" build --quiet -s "$site" -d "$work/relais-out")
  rw+=("$w") rc+=("$c") rm+=("$m")
  echo "run $i: hugo ${hw[-1]}s (cpu ${hc[-1]}s, $((hm[-1] / 1024)) MiB)  relais ${rw[-1]}s (cpu ${rc[-1]}s, $((rm[-1] / 1024)) MiB)"
done

HW=$(median "${hw[@]}") RW=$(median "${rw[@]}") HM=$(median "${hm[@]}") RM=$(median "${rm[@]}")
HC=$(median "${hc[@]}") RC=$(median "${rc[@]}")
echo
echo "files: hugo $(find "$work/hugo-out" -type f | wc -l), relais $(find "$work/relais-out" -type f | wc -l)"
printf 'median of %d runs, %d posts:\n' "$runs" "$n"
printf '  hugo   %6.2f s wall  %6.2f s cpu  %6d MiB peak\n' "$HW" "$HC" $((HM / 1024))
printf '  relais %6.2f s wall  %6.2f s cpu  %6d MiB peak\n' "$RW" "$RC" $((RM / 1024))
awk -v h="$HW" -v r="$RW" -v hm="$HM" -v rm="$RM" 'BEGIN {printf "  relais/hugo: wall %.2f, memory %.2f\n", r/h, rm/hm}'

# Cards: what drawing one image per article adds to a 1,000-post build, with
# a cold cache and then a warm one (the cache lives outside public/).
cards=$work/cards-site
rm -rf "$cards"; mkdir -p "$cards/content/posts"
find "$corpus/content/posts" -name '*.md' | sort | awk 'NR <= 1000' | xargs -I{} ln -s {} "$cards/content/posts/"
sed '/^\[cards\]/,$d' "$site/config.toml" > "$cards/config.toml"
cp "$cards/config.toml" "$cards/nocards.toml"
printf '[cards]\ndisabled = true\n' >> "$cards/nocards.toml"
mv "$cards/config.toml" "$cards/cards.toml"; cp "$cards/nocards.toml" "$cards/config.toml"
read -r c0 _ _ < <(measure cards0 "$work/cards-out" "$work/relais" build --quiet -s "$cards" -d "$work/cards-out")
cp "$cards/cards.toml" "$cards/config.toml"; rm -rf "$cards/.relais"
read -r c1 _ _ < <(measure cards1 "$work/cards-out" "$work/relais" build --quiet -s "$cards" -d "$work/cards-out")
read -r c2 _ _ < <(measure cards2 "$work/cards-out" "$work/relais" build --quiet -s "$cards" -d "$work/cards-out")
echo
echo "cards, 1,000 posts: no cards ${c0}s, cold cache ${c1}s (+$(awk -v a="$c1" -v b="$c0" 'BEGIN{printf "%.2f", a-b}')s), warm cache ${c2}s"
fi

if ((serve > 0)); then
  command -v curl >/dev/null || { echo "bench: curl not installed (apt-get install curl)" >&2; exit 1; }
  # Each server gets its own copy of the content, so that an edit for one
  # never makes another rebuild: the edits alternate, one server at a time.
  sv=$work/serve
  rm -rf "$sv"; mkdir -p "$sv"
  mkdir -p "$sv/relais" && cp "$site/config.toml" "$sv/relais/" && cp -r "$corpus/content" "$sv/relais/content"
  for h in hugo-fast hugo-full; do
    mkdir -p "$sv/$h" && cp -r "$shared/hugo-site/." "$sv/$h/"
    sed -i '/codeFences = false/d; /typographer = false/d' "$sv/$h/hugo.toml"
    cp -r "$corpus/content" "$sv/$h/content"
  done
  article=$(cd "$corpus/content/posts" && ls | sort | sed -n "$((n / 2))p")
  slug=${article%.md}
  pids=()
  cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
  trap cleanup EXIT
  "$work/relais" serve -s "$sv/relais" -p 18414 >"$sv/relais.out" 2>"$sv/relais.err" & pids+=($!)
  hugo server -s "$sv/hugo-fast" --port 18415 --bind 127.0.0.1 --disableLiveReload >"$sv/hugo-fast.out" 2>&1 & pids+=($!)
  hugo server -s "$sv/hugo-full" --port 18416 --bind 127.0.0.1 --disableLiveReload --disableFastRender >"$sv/hugo-full.out" 2>&1 & pids+=($!)
  declare -A port=([relais]=18414 [hugo-fast]=18415 [hugo-full]=18416)
  ready() { curl -sf -o /dev/null "http://127.0.0.1:$1/posts/$slug/"; }
  for s in relais hugo-fast hugo-full; do
    for ((t = 0; t < 600; t++)); do ready "${port[$s]}" && break; sleep 1; done
    ready "${port[$s]}" || { echo "bench: $s never served /posts/$slug/" >&2; exit 1; }
  done
  # editwait appends the word and polls the page over one connection, so
  # the timing holds no process start-up, for relais and Hugo alike.
  go build -o "$work/editwait" ./scripts/editwait
  # settle waits until the machine is idle (under 5% busy over 300 ms, for
  # at most 20 s): Hugo goes on rendering other pages after the edited one
  # is served, and that would be timed as part of the next server's edit.
  settle() {
    local i a b
    cpu() { awk '/^cpu /{print $2+$3+$4+$7+$8 ":" $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }
    for ((i = 0; i < 60; i++)); do
      a=$(cpu); sleep 0.3; b=$(cpu)
      awk -v a="$a" -v b="$b" 'BEGIN {split(a, x, ":"); split(b, y, ":"); exit !((y[1] - x[1]) < 0.05 * (y[2] - x[2]))}' && return
    done
  }
  settle
  # Two kinds of edit: a paragraph appended at the end of the article, and
  # a word put at the start of its first paragraph, which changes its
  # summary (shown in the lists) and its social excerpts.
  declare -A times last
  for kind in end lead; do
    flag=""
    [ "$kind" = lead ] && flag="-lead"
    for ((i = 1; i <= serve; i++)); do
      for s in relais hugo-fast hugo-full; do
        word="relaismesure$i$RANDOM"
        last[$s]=$("$work/editwait" $flag -timeout 60s -file "$sv/$s/content/posts/$article" \
          -url "http://127.0.0.1:${port[$s]}/posts/$slug/" -word "$word") || { echo "bench: $s did not show the edit" >&2; exit 1; }
        times[$kind-$s]+="${last[$s]} "
        settle # the servers' work after an edit must not slow the next one's
      done
      echo "$kind edit $i: relais ${last[relais]} ms, hugo ${last[hugo-fast]} ms, hugo --disableFastRender ${last[hugo-full]} ms"
    done
  done
  printed=$(grep -o ', [0-9]* ms$' "$sv/relais.out" | tail -n "$((2 * serve))" | tr -dc '0-9\n')
  echo
  printf 'serve, one article edited, median of %d edits of each kind, %d posts\n' "$serve" "$n"
  printf '(ms from save to page served with the edit; end: a paragraph appended, lead: the first paragraph changed):\n'
  printf '                                         end     lead\n'
  printf '  relais serve                         %6d   %6d ms  (its own rebuilds: %d ms)\n' "$(median ${times[end-relais]})" "$(median ${times[lead-relais]})" "$(median $printed)"
  printf '  hugo server                          %6d   %6d ms\n' "$(median ${times[end-hugo-fast]})" "$(median ${times[lead-hugo-fast]})"
  printf '  hugo server --disableFastRender      %6d   %6d ms\n' "$(median ${times[end-hugo-full]})" "$(median ${times[lead-hugo-full]})"
fi
