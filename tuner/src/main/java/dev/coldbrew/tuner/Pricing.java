package dev.coldbrew.tuner;

import java.util.Locale;
import java.util.Map;

/**
 * Lambda list prices, the one table of them: on-demand duration per GB-second by architecture and region (first
 * tier), the request fee, and provisioned concurrency's two prices (the allocation of environments per GB-second,
 * and the duration of requests they serve). Regions not listed pay the us-east-1 price, as most regions do. The
 * x86_64 prices of the listed regions follow the regional table AWS Lambda Power Tuning uses; arm64 is 20 % below
 * x86_64, as AWS prices it. Sources: https://aws.amazon.com/lambda/pricing/ (us-east-1: on-demand
 * $0.0000166667 x86 / $0.0000133334 arm per GB-s; provisioned $0.0000041667 / $0.0000033334 per GB-s allocated
 * and $0.0000097222 / $0.0000077778 per GB-s of duration; requests $0.20 per million). Provisioned prices of
 * other regions are scaled by the region's on-demand ratio to us-east-1 (an assumption, said in docs/tuning.md).
 * Free tier and the lower tiers above 6 billion GB-s a month are left out.
 */
public record Pricing(Architecture architecture, String region, double pricePerGbSecond, double pricePerRequest,
                      double provisionedPerGbSecond, double provisionedDurationPerGbSecond) {

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
    static final double X86_PROVISIONED = 0.0000041667;
    static final double ARM_PROVISIONED = 0.0000033334;
    static final double X86_PROVISIONED_DURATION = 0.0000097222;
    static final double ARM_PROVISIONED_DURATION = 0.0000077778;

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
        boolean isX86 = architecture == Architecture.X86_64;
        double regional = perGbSecond / (isX86 ? X86_DEFAULT : ARM_DEFAULT);
        return new Pricing(architecture, r, perGbSecond, REQUEST_FEE,
                regional * (isX86 ? X86_PROVISIONED : ARM_PROVISIONED),
                regional * (isX86 ? X86_PROVISIONED_DURATION : ARM_PROVISIONED_DURATION));
    }

    /**
     * The average utilisation of provisioned environments above which they cost less than on-demand: an
     * environment-second costs the allocation plus, while busy, the provisioned duration price, against the
     * on-demand price while busy. About 0.60 on both architectures.
     */
    public double provisionedBreakEvenUtilization() {
        return provisionedPerGbSecond / (pricePerGbSecond - provisionedDurationPerGbSecond);
    }

    /** USD for one invocation billed {@code billedMs} at {@code memoryMb}, request fee included. */
    public double costPerInvocation(double billedMs, int memoryMb) {
        return billedMs / 1000.0 * (memoryMb / 1024.0) * pricePerGbSecond + pricePerRequest;
    }
}
