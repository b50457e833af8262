package dev.newsroom.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finding free loopback ports, and saying clearly which one is taken. */
public final class Ports {

    private Ports() {}

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns {@code port} if it can be bound, or fails with a message naming the port and its user. */
    public static int requireFree(int port, String wantedBy) {
        if (!isFree(port)) {
            throw new PortInUseException(port, wantedBy);
        }
        return port;
    }

    /** A port that is needed is already taken by another process. */
    public static final class PortInUseException extends IllegalStateException {

        private final int port;

        public PortInUseException(int port, String wantedBy) {
            super("Port " + port + " (" + wantedBy + ") is already in use by another process. Stop that process, "
                    + "or choose another port for " + wantedBy + ".");
            this.port = port;
        }

        public int port() {
            return port;
        }
    }
}
