"""Open and close COUNT TCP connections to HOST:PORT one after another; every other one sends
an ApiVersions v0 request and waits for its response first (a relay must answer it). Prints
the number of responses read.

Usage: relay_connections.py HOST:PORT COUNT
"""
import socket
import struct
import sys


def read_exactly(connection: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = connection.recv(count - len(data))
        if not chunk:
            raise EOFError("connection closed")
        data += chunk
    return data


def main() -> int:
    host, port = sys.argv[1].rsplit(":", 1)
    answered = 0
    for index in range(int(sys.argv[2])):
        with socket.create_connection((host, int(port)), timeout=20) as connection:
            if index % 2 == 0:
                client_id = b"relay-test"
                body = struct.pack(">hhih", 18, 0, index, len(client_id)) + client_id
                connection.sendall(struct.pack(">i", len(body)) + body)
                size = struct.unpack(">i", read_exactly(connection, 4))[0]
                response = read_exactly(connection, size)
                if struct.unpack(">i", response[:4])[0] == index:
                    answered += 1
    print(answered)
    return 0


if __name__ == "__main__":
    sys.exit(main())
