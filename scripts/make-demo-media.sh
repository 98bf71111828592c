#!/bin/sh
# Makes the demo's small media files once (needs ffmpeg; the outputs are committed, ffmpeg is not a
# dependency): three 微课 videos (WebM, VP9, silent tone, 4 s, 160x90) and one audio (MP3).
# Usage: scripts/make-demo-media.sh   (from the repository root)
set -eu
out=content/events/weike
mkdir -p "$out"
for n in 01 02 03; do
  ffmpeg -v error -y -f lavfi -i "testsrc2=size=160x90:rate=10:duration=4" \
    -f lavfi -i "sine=frequency=440:duration=4" -c:v libvpx-vp9 -b:v 40k -c:a libopus -b:a 16k \
    -metadata title="weike-$n" -fflags +bitexact "$out/weike-$n.webm"
done
ffmpeg -v error -y -f lavfi -i "sine=frequency=330:duration=4" -c:a libmp3lame -b:a 32k -fflags +bitexact \
  "$out/weike-04.mp3"
ls -l "$out"
