package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Only the ports a user opened: the sockets the shared server's processes listen on, read from
 * {@code /proc} (their file descriptors matched against the kernel's TCP and UDP tables). The
 * server is started with the embedded default's own options ({@link EmbeddedDefault}) on Payara
 * Micro, so this is what {@code mvn package payara-micro:start} opens.
 */
@SharedServer
class ListeningSocketsIT {

    @SharedServer.Url
    URL url;

    @SharedServer.Handle
    ServerProcess server;

    @Test
    void theServerListensOnLoopbackOnlyAndPayaraMicroOnItsHttpPortAlone() {
        Set<String> open = listening(server.process().toHandle());
        assertFalse(open.isEmpty(), "the server's sockets were found");
        System.out.println("ListeningSocketsIT: " + System.getProperty("arquillian.launch", "payara-micro") + " (HTTP "
                + url.getPort() + ") listens on " + open);
        for (String socket : open) {
            assertTrue(socket.contains(" 127.0.0.1:") || socket.contains(" [::1]:"), "not on loopback: " + socket
                    + " (all: " + open + ")");
        }
        String http = "tcp 127.0.0.1:" + url.getPort();
        assertTrue(open.contains(http), http + " in " + open);
        if ("payara-micro".equals(System.getProperty("arquillian.launch", "payara-micro"))) {
            assertEquals(Set.of(http), open, "Payara Micro opens its HTTP port and nothing else");
        }
    }

    /** "tcp 127.0.0.1:8080"-style entries for every listening TCP socket and bound UDP socket of the process tree. */
    static Set<String> listening(ProcessHandle root) {
        Set<String> inodes = new HashSet<>();
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        for (ProcessHandle p : tree) {
            Path fds = Path.of("/proc", Long.toString(p.pid()), "fd");
            try (Stream<Path> list = Files.list(fds)) {
                for (Path fd : (Iterable<Path>) list::iterator) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            inodes.add(target.substring(8, target.length() - 1));
                        }
                    } catch (IOException closedMeanwhile) {
                        // the descriptor went away while listing
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + fds, e);
            }
        }
        Set<String> open = new TreeSet<>();
        table("tcp", "/proc/net/tcp", "0A", inodes, open);
        table("tcp", "/proc/net/tcp6", "0A", inodes, open);
        table("udp", "/proc/net/udp", "07", inodes, open);
        table("udp", "/proc/net/udp6", "07", inodes, open);
        return open;
    }

    private static void table(String protocol, String file, String state, Set<String> inodes, Set<String> open) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return; // no IPv6 on this machine
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f[3].equals(state) && inodes.contains(f[9])) {
                open.add(protocol + " " + address(f[1]));
            }
        }
    }

    /** The kernel's hex "0100007F:1F90" (IPv4) or 32-digit IPv6 form, as "127.0.0.1:8080" or "[::1]:8080". */
    static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String ip = parts[0];
        if (ip.length() == 8) {
            long v = Long.parseLong(ip, 16);
            return (v & 0xff) + "." + (v >> 8 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 24 & 0xff) + ":" + port;
        }
        byte[] bytes = new byte[16];
        for (int word = 0; word < 4; word++) {
            long v = Long.parseLong(ip.substring(word * 8, word * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                bytes[word * 4 + b] = (byte) (v >> (8 * b));
            }
        }
        try {
            String text = java.net.InetAddress.getByAddress(bytes).getHostAddress();
            if (text.startsWith("0:0:0:0:0:ffff:") || text.matches("[0-9.]+")) {
                return text + ":" + port;
            }
            return "[" + (text.equals("0:0:0:0:0:0:0:1") ? "::1" : text) + "]:" + port;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(hex, e);
        }
    }
}
