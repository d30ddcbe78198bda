package dev.coldbrew.locallambda.environment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The hello-world function {@link RuntimeAotCache} trains the runtime client's AOT cache with. It never runs
 * in the emulator's JVM: its class file is copied into the training run's task root, so that the runtime
 * client loads it from there, as it loads every function, and the cache holds only the JDK and the runtime
 * client. A POJO handler, so that the runtime client's event serialization is in the cache too.
 */
public class TrainingHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "ok";
    }
}
