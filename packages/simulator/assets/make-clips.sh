#!/bin/sh
# Makes the one-second clips the simulator joins into videos of the requested length and size
# (src/video.ts). Run once by a maintainer; the clips are committed, so the simulator needs
# only Node at run time. Needs FFmpeg (Debian: apt-get install ffmpeg).
set -eu
cd "$(dirname "$0")/clips"
for short in 540 720 1080; do
  for aspect in 16:9 9:16 1:1 4:3 3:4; do
    w=${aspect%:*}; h=${aspect#*:}
    if [ "$w" -ge "$h" ]; then height=$short; width=$(( (short * w / h + 1) / 2 * 2 ))
    else width=$short; height=$(( (short * h / w + 1) / 2 * 2 )); fi
    ffmpeg -hide_banner -loglevel error -y \
      -f lavfi -i "testsrc=size=${width}x${height}:rate=24:duration=1" \
      -c:v libx264 -preset veryslow -crf 36 -pix_fmt yuv420p -profile:v main -g 24 \
      -movflags +faststart -an "${width}x${height}.mp4"
  done
done
ls -l
