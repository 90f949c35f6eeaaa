# tools/ringbench/ringbench.gp: plots ringbench's CSV: round trips per second by batch size,
# one line per ring, for 32 and 256 slots with 64-byte requests and with 4 KiB payloads.
# usage: gnuplot -e "csv='build/ringbench.csv'; png='build/ringbench.png'" ringbench.gp
set datafile separator ','
set datafile commentschars '#'
set terminal pngcairo size 1200,900 noenhanced
set output png
set multiplot layout 2,2 title 'ringbench: request/response round trips, two pinned threads'
set logscale x 2
set xrange [0.8:40]
set xtics (1, 8, 32)
set xlabel 'batch (requests per publication)'
set ylabel 'M round trips / s'
set key top left
set grid
sel(ring, slots, bytes) = (strcol(1) eq 'stream' && strcol(2) eq ring && $3 == slots && $5 == bytes) ? $4 : NaN
do for [bytes in '64 4096'] { do for [slots in '32 256'] {
    slots = int(slots)
    bytes = int(bytes)
    set title sprintf('%d slots, %s', slots, bytes == 64 ? '64 B requests' : '4 KiB payloads')
    plot for [ring in 'keel xen virtio naive'] csv skip 1 using (sel(ring, slots, bytes)):6 \
        with linespoints lw 2 title ring
} }
unset multiplot
