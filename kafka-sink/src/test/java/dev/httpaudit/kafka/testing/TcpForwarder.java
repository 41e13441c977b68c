package dev.httpaudit.kafka.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * Forwards TCP connections from a fixed local port to a target port that may change (the
 * broker's, which a restart moves): the broker advertises this port, so clients keep one
 * address across restarts, as with a real broker's fixed port.
 */
final class TcpForwarder implements AutoCloseable {

    private final ServerSocket server;
    private final IntSupplier targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private TcpForwarder(ServerSocket server, IntSupplier targetPort) {
        this.server = server;
        this.targetPort = targetPort;
        this.acceptor = new Thread(this::acceptLoop, "test-tcp-forwarder");
        this.acceptor.setDaemon(true);
    }

    /** Binds a free port on 127.0.0.1 and forwards what connects to it to {@code targetPort}'s current value. */
    static TcpForwarder start(IntSupplier targetPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TcpForwarder forwarder = new TcpForwarder(server, targetPort);
        forwarder.acceptor.start();
        return forwarder;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Cuts every forwarded connection (the broker went away: its sockets are gone). */
    void cutAll() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket target;
                try {
                    target = new Socket(InetAddress.getLoopbackAddress(), targetPort.getAsInt());
                } catch (IOException refused) {
                    // nothing there (the broker is stopped): the client sees its connection closed
                    closeQuietly(client);
                    continue;
                }
                open.add(client);
                open.add(target);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "test-tcp-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        cutAll();
    }
}
