#!/usr/bin/env bash
# Makes a release tag for the Action and the CLI: `scripts/release.sh` (version from package.json)
# or `scripts/release.sh 0.2.0` (must equal package.json's version: bump it in a commit first).
#   1. the working tree must be clean (nothing uncommitted, nothing untracked);
#   2. `npm run build` and `npm run bundle`: the committed dist/index.js must be what the source
#      builds (the Action runs dist/ as committed), and the tree must still be clean after;
#   3. `npm pack --dry-run` must list build/cli.mjs;
#   4. tags HEAD as vX.Y.Z (annotated). It never pushes: it prints the command to do so.
# Workflows then use `awesome-curator/awesome-curator@vX.Y.Z` (or the commit SHA it names).
set -euo pipefail
cd "$(dirname "$0")/.."

die() {
  printf 'release: %s\n' "$*" >&2
  exit 1
}

version="$(node -p "require('./package.json').version")"
if [[ $# -gt 0 && "$1" != "$version" && "$1" != "v$version" ]]; then
  die "asked for $1, but package.json says $version: change the version in a commit first"
fi
tag="v$version"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || die "package.json version $version is not X.Y.Z"
git rev-parse -q --verify "refs/tags/$tag" >/dev/null && die "tag $tag exists already (at $(git rev-list -n 1 "$tag"))"

dirty="$(git status --porcelain)"
[[ -z "$dirty" ]] || die "the working tree is not clean; commit or remove first:
$dirty"

echo "release: building build/ and dist/ from $(git rev-parse --short HEAD)"
npm run --silent build
npm run --silent bundle
dirty="$(git status --porcelain)"
[[ -z "$dirty" ]] || die "building changed tracked files (dist/index.js is stale?); commit them first:
$dirty"

npm pack --dry-run --json --ignore-scripts 2>/dev/null | grep -q '"path": "build/cli.mjs"' ||
  die "npm pack would not ship build/cli.mjs"

git tag -a "$tag" -m "awesome-curator $tag"
sha="$(git rev-parse HEAD)"
cat <<EOF
release: tagged $tag at $sha (not pushed).
  Push it:            git push origin $tag
  Workflows may use:  uses: awesome-curator/awesome-curator@$tag
                 or:  uses: awesome-curator/awesome-curator@$sha
  CLI from the tag:   npm install --global "\$(npm pack github:awesome-curator/awesome-curator#$tag)"
EOF
