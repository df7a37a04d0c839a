# Writes a long octolog trace with every accounting event, for the replay
# reliability tests: awk -v seconds=N -f make_long_trace.awk > long.trace
# eth0 all along, reset at 40 %; wlan0 32-bit, wrapping; usb0 from 10 % to
# 30 % and again from 60 % with a new ifindex; eth1 from 50 %; a reboot at
# 80 %; a 90-second sampling gap at 70 %. Counters are deterministic.
BEGIN {
  t0 = 1780000000000
  print "# octolog-trace v1"
  for (i = 0; i < seconds; i++) {
    if (i > 0.7 * seconds && i <= 0.7 * seconds + 90) {
      continue
    }
    rebooted = i >= 0.8 * seconds
    boot = rebooted ? "b2" : "b1"
    since = rebooted ? i - int(0.8 * seconds) + 30 : i + 600
    t = t0 + i * 1000
    extra = sprintf(" boot=%s boot_ms=%.0f", boot, since * 1000)
    if (rebooted) {
      base = (i - int(0.8 * seconds)) * 5000
    }
    e_rx += 1000 + (i * 7919) % 50000
    e_tx += 300 + (i * 104729) % 20000
    if (i == int(0.4 * seconds)) {
      e_rx = 777; e_tx = 555
    }
    if (rebooted && i == int(0.8 * seconds)) {
      e_rx = 4242; e_tx = 2424
    }
    printf "%.0f eth0 %.0f %.0f ifindex=2 rx_packets=%.0f tx_packets=%.0f%s\n", t, e_rx, e_tx, int(e_rx / 700), int(e_tx / 900), extra
    w_rx = (w_rx + 90000 + (i * 31) % 7000) % 4294967296
    w_tx = (w_tx + 12000) % 4294967296
    printf "%.0f wlan0 %.0f %.0f ifindex=3 width=32%s\n", t, w_rx, w_tx, extra
    if ((i >= 0.1 * seconds && i < 0.3 * seconds) || i >= 0.6 * seconds) {
      u += 500 + i % 300
      printf "%.0f usb0 %.0f %.0f ifindex=%d%s\n", t, u, int(u / 3), i < 0.3 * seconds ? 4 : 9, extra
    }
    if (i >= 0.5 * seconds) {
      f += 20000 + (i * 13) % 9000
      printf "%.0f eth1 %.0f %.0f ifindex=5 speed=1000000000%s\n", t, f, int(f / 2), extra
    }
  }
}
