package dev.coldbrew.locallambda.faults;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Answers with what the environment looks like from inside: selected variables, context values, the JVM, the
 * cgroup limits now and during the init. An event that is a bare number keeps it busy that many milliseconds.
 */
public class EnvironmentHandler implements RequestStreamHandler {
    private static final long PID = ProcessHandle.current().pid();
    /** The CPU quota of the environment's cgroup while the init runs (this class is loaded by the init). */
    private static final String INIT_CPU_LIMIT = cgroupFile("cpu", "cpu.cfs_quota_us", "cpu.max");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8).trim();
        if (event.matches("\\d+")) {
            // A bare number is how long to stay busy, so that concurrent invokes need several environments.
            try {
                Thread.sleep(Long.parseLong(event));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String json = "{"
                + field("memory", System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")) + ","
                + field("version", System.getenv("AWS_LAMBDA_FUNCTION_VERSION")) + ","
                + field("functionName", context.getFunctionName()) + ","
                + field("contextMemory", String.valueOf(context.getMemoryLimitInMB())) + ","
                + field("invokedArn", context.getInvokedFunctionArn()) + ","
                + field("greeting", System.getenv("GREETING")) + ","
                + field("region", System.getenv("AWS_REGION")) + ","
                + field("javaVersion", String.valueOf(Runtime.version().feature())) + ","
                + field("pid", String.valueOf(PID)) + ","
                + field("remainingMs", String.valueOf(context.getRemainingTimeInMillis())) + ","
                + field("cpuLimit", cgroupFile("cpu", "cpu.cfs_quota_us", "cpu.max")) + ","
                + field("initCpuLimit", INIT_CPU_LIMIT) + ","
                + field("initializationType", System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE")) + ","
                + field("tieredStopAtLevel", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                        .stream().filter(a -> a.startsWith("-XX:TieredStopAtLevel=")).findFirst().orElse(null)) + ","
                + field("memoryLimit", cgroupFile("memory", "memory.limit_in_bytes", "memory.max"))
                + "}";
        System.out.println("environment handler ran");
        output.write(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of a limit file of this process's own cgroup (v1 controller directory, else v2), or null. */
    private static String cgroupFile(String controller, String v1File, String v2File) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] parts = line.split(":", 3);
                if (parts.length == 3 && List.of(parts[1].split(",")).contains(controller)) {
                    return Files.readString(Path.of("/sys/fs/cgroup", controller, parts[2], v1File)).trim();
                }
                if (parts.length == 3 && parts[0].equals("0") && parts[1].isEmpty() && !parts[2].equals("/")) {
                    for (String root : List.of("/sys/fs/cgroup", "/sys/fs/cgroup/unified")) {
                        Path file = Path.of(root, parts[2], v2File);
                        if (Files.exists(file)) {
                            return Files.readString(file).trim();
                        }
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String field(String name, String value) {
        return "\"" + name + "\":" + (value == null ? "null" : "\"" + value + "\"");
    }
}
