package org.listguard.deliver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.SocketChannel;

/**
 * The connected socket TLS is layered over, with {@link ReplyCap}'s reply cap on its streams.
 * Angus hands the TLS factory its own socket (a write-timeout wrapper around a plain socket, for
 * implicit TLS one that never came from our factory), so the cap is put back here, under TLS: it
 * counts ciphertext, so only the per-reply cap applies, not the line cap. Everything else
 * delegates to the wrapped socket, as the JDK's layered SSLSocket expects.
 */
final class CappedLayer extends Socket {
    private final Socket s;
    private final ReplyCap counter;

    CappedLayer(Socket s, ReplyCap.Limits limits) {
        this.s = s;
        this.counter = new ReplyCap(limits);
        this.counter.encrypted();
    }

    @Override public InputStream getInputStream() throws IOException { return counter.capped(s.getInputStream()); }
    @Override public OutputStream getOutputStream() throws IOException { return counter.resetting(s.getOutputStream()); }
    @Override public void connect(SocketAddress a) throws IOException { s.connect(a); }
    @Override public void connect(SocketAddress a, int timeout) throws IOException { s.connect(a, timeout); }
    @Override public void bind(SocketAddress a) throws IOException { s.bind(a); }
    @Override public InetAddress getInetAddress() { return s.getInetAddress(); }
    @Override public InetAddress getLocalAddress() { return s.getLocalAddress(); }
    @Override public int getPort() { return s.getPort(); }
    @Override public int getLocalPort() { return s.getLocalPort(); }
    @Override public SocketAddress getRemoteSocketAddress() { return s.getRemoteSocketAddress(); }
    @Override public SocketAddress getLocalSocketAddress() { return s.getLocalSocketAddress(); }
    @Override public SocketChannel getChannel() { return s.getChannel(); }
    @Override public void setTcpNoDelay(boolean on) throws SocketException { s.setTcpNoDelay(on); }
    @Override public boolean getTcpNoDelay() throws SocketException { return s.getTcpNoDelay(); }
    @Override public void setSoLinger(boolean on, int linger) throws SocketException { s.setSoLinger(on, linger); }
    @Override public int getSoLinger() throws SocketException { return s.getSoLinger(); }
    @Override public void setSoTimeout(int timeout) throws SocketException { s.setSoTimeout(timeout); }
    @Override public int getSoTimeout() throws SocketException { return s.getSoTimeout(); }
    @Override public void setSendBufferSize(int size) throws SocketException { s.setSendBufferSize(size); }
    @Override public int getSendBufferSize() throws SocketException { return s.getSendBufferSize(); }
    @Override public void setReceiveBufferSize(int size) throws SocketException { s.setReceiveBufferSize(size); }
    @Override public int getReceiveBufferSize() throws SocketException { return s.getReceiveBufferSize(); }
    @Override public void setKeepAlive(boolean on) throws SocketException { s.setKeepAlive(on); }
    @Override public boolean getKeepAlive() throws SocketException { return s.getKeepAlive(); }
    @Override public void setTrafficClass(int tc) throws SocketException { s.setTrafficClass(tc); }
    @Override public int getTrafficClass() throws SocketException { return s.getTrafficClass(); }
    @Override public void setReuseAddress(boolean on) throws SocketException { s.setReuseAddress(on); }
    @Override public boolean getReuseAddress() throws SocketException { return s.getReuseAddress(); }
    @Override public void setOOBInline(boolean on) throws SocketException { s.setOOBInline(on); }
    @Override public boolean getOOBInline() throws SocketException { return s.getOOBInline(); }
    @Override public void sendUrgentData(int data) throws IOException { s.sendUrgentData(data); }
    @Override public void close() throws IOException { s.close(); }
    @Override public void shutdownInput() throws IOException { s.shutdownInput(); }
    @Override public void shutdownOutput() throws IOException { s.shutdownOutput(); }
    @Override public boolean isConnected() { return s.isConnected(); }
    @Override public boolean isBound() { return s.isBound(); }
    @Override public boolean isClosed() { return s.isClosed(); }
    @Override public boolean isInputShutdown() { return s.isInputShutdown(); }
    @Override public boolean isOutputShutdown() { return s.isOutputShutdown(); }
    @Override public String toString() { return s.toString(); }
}
