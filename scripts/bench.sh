#!/usr/bin/env bash
# Side-by-side build benchmark: relais and Hugo on the same generated corpus,
# in one run, alternating the two commands, writing to /dev/shm (the disk here
# is slow and erratic with many small files). Reports wall time, CPU time and
# peak memory of each, and the ratio.
#
#   scripts/bench.sh [-n POSTS] [-runs RUNS] [-work DIR]
#
# Needs ../shared/bench (the corpus generator and the Hugo site), hugo and
# GNU time (Debian packages hugo and time).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
n=10000 runs=3 work=/dev/shm/relais-bench
while (($#)); do
  case $1 in
    -n) n=$2; shift 2 ;;
    -runs) runs=$2; shift 2 ;;
    -work) work=$2; shift 2 ;;
    *) echo "usage: $0 [-n POSTS] [-runs RUNS] [-work DIR]" >&2; exit 2 ;;
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

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
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
find "$corpus/content/posts" -name '*.md' | sort | head -1000 | xargs -I{} ln -s {} "$cards/content/posts/"
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
