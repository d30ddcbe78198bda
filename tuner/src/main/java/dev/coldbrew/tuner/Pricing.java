package dev.coldbrew.tuner;

import java.util.Locale;
import java.util.Map;

/**
 * On-demand Lambda list prices: duration per GB-second by architecture and region (first tier), plus the
 * request fee. Regions not listed pay the us-east-1 price, as most regions do. The x86_64 prices of the
 * listed regions follow the regional table AWS Lambda Power Tuning uses; arm64 is 20 % below x86_64, as
 * AWS prices it.
 */
public record Pricing(Architecture architecture, String region, double pricePerGbSecond, double pricePerRequest) {

    public enum Architecture {
        X86_64("x86_64"), ARM64("arm64");

        final String id;

        Architecture(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Architecture parse(String text) {
            for (Architecture a : values()) {
                if (a.id.equalsIgnoreCase(text.strip())) {
                    return a;
                }
            }
            throw new IllegalArgumentException("Unknown architecture '" + text + "'; use x86_64 or arm64.");
        }
    }

    public static final String DEFAULT_REGION = "us-east-1";
    static final double REQUEST_FEE = 0.20 / 1_000_000;
    static final double X86_DEFAULT = 0.0000166667;
    static final double ARM_DEFAULT = 0.0000133334;

    /** x86_64 USD per GB-second where the region differs from us-east-1. */
    private static final Map<String, Double> X86_BY_REGION = Map.of(
            "ap-east-1", 0.0000232,
            "af-south-1", 0.0000224,
            "ap-northeast-3", 0.0000216,
            "me-south-1", 0.0000208,
            "eu-south-1", 0.0000192);

    public static Pricing of(Architecture architecture, String region) {
        String r = region == null || region.isBlank() ? DEFAULT_REGION : region.strip().toLowerCase(Locale.ROOT);
        Double x86 = X86_BY_REGION.get(r);
        double perGbSecond = architecture == Architecture.X86_64
                ? (x86 == null ? X86_DEFAULT : x86)
                : (x86 == null ? ARM_DEFAULT : x86 * 0.8);
        return new Pricing(architecture, r, perGbSecond, REQUEST_FEE);
    }

    /** USD for one invocation billed {@code billedMs} at {@code memoryMb}, request fee included. */
    public double costPerInvocation(double billedMs, int memoryMb) {
        return billedMs / 1000.0 * (memoryMb / 1024.0) * pricePerGbSecond + pricePerRequest;
    }
}
