# Writes netlink seed datagrams for netlink_fuzz: real RTM_GETLINK and
# RTM_GETSTATS dump answers of the namespace it runs in, and an error with an
# extended ack. Run as: unshare -n python3 make_netlink_seeds.py corpus/netlink
import socket, struct, os, sys
out = sys.argv[1]
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
s.bind((0, 0))
def dump(msgtype, body, name):
    hdr = struct.pack("=IHHII", 16 + len(body), msgtype, 0x301, 1, 0)
    s.send(hdr + body)
    n = 0
    while True:
        data = s.recv(65536)
        n += 1
        open(os.path.join(out, f"{name}_{n}.bin"), "wb").write(data)
        off, done = 0, False
        while off + 16 <= len(data):
            l, t = struct.unpack_from("=IH", data, off)
            if t == 3 or l < 16: done = True; break
            off += (l + 3) & ~3
        if done or n > 4:
            break
RTM_GETLINK, RTM_GETSTATS = 18, 94
dump(RTM_GETLINK, struct.pack("=BxHiII", 0, 0, 0, 0, 0), "getlink")
dump(RTM_GETSTATS, struct.pack("=BBHiI", 0, 0, 0, 0, 1), "getstats")  # IFLA_STATS_LINK_64
# an error with an extended ack message
msg = b"bad filter\0"
attr = struct.pack("=HH", 4 + len(msg), 1) + msg + b"\0" * ((4 - len(msg) % 4) % 4)
body = struct.pack("=i", -22) + struct.pack("=IHHII", 16, 94, 0x301, 1, 0) + attr
hdr = struct.pack("=IHHII", 16 + len(body), 2, 0x300, 1, 0)  # NLM_F_CAPPED|NLM_F_ACK_TLVS
open(os.path.join(out, "error_ack.bin"), "wb").write(hdr + body)
