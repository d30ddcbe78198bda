package dev.coldbrew.locallambda.faults;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Holds on to 1 MB blocks until the heap is exhausted. */
public class AllocatingHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        List<byte[]> blocks = new ArrayList<>();
        while (true) {
            blocks.add(new byte[1 << 20]);
        }
    }
}
