package org.keygate.gateway.boundary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Holds a synchronously answered gateway call's body in memory until the call is metered durably:
 * status and headers go to the real response, the body and its length only at {@link #release}.
 * Without it the container would send an answer the moment its declared length is written — before
 * the filter had journaled the call. Answers are small (the demo provider's, the gateway's errors,
 * key info, the model list); relayed calls are answered by the relay on the real response
 * ({@link #direct}) and hold their last bytes themselves.
 */
final class HeldResponse extends HttpServletResponseWrapper {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
    private ServletOutputStream stream;
    private PrintWriter writer;

    HeldResponse(HttpServletResponse response) {
        super(response);
    }

    /** The real response under a held one, for the relay's non-blocking writes. */
    static HttpServletResponse direct(HttpServletResponse response) {
        return response instanceof HeldResponse held ? (HttpServletResponse) held.getResponse() : response;
    }

    /** Sends the held body with its length. */
    void release() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        HttpServletResponse real = (HttpServletResponse) getResponse();
        if (real.isCommitted()) {
            return;
        }
        real.setContentLength(body.size());
        if (body.size() > 0) {
            real.getOutputStream().write(body.toByteArray());
        }
    }

    /** Drops the held body (the call is answered differently). */
    void discard() {
        body.reset();
        getResponse().resetBuffer();
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    body.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new IllegalStateException("a held gateway answer is written synchronously");
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(body, Charset.forName(getCharacterEncoding())));
        }
        return writer;
    }

    @Override
    public void setContentLength(int len) {
        // set from the held body at release
    }

    @Override
    public void setContentLengthLong(long len) {
        // set from the held body at release
    }

    @Override
    public void setHeader(String name, String value) {
        if (!"Content-Length".equalsIgnoreCase(name)) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!"Content-Length".equalsIgnoreCase(name)) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void flushBuffer() {
        // nothing leaves before release
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public void resetBuffer() {
        body.reset();
        super.resetBuffer();
    }

    @Override
    public void reset() {
        body.reset();
        super.reset();
    }
}
