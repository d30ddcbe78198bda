package dev.coldbrew.tuner.advice;

/** A way to meet requests that find no warm environment, as the advisor compares them. */
public sealed interface ColdStartStrategy {
    /** Short name for tables and report.json. */
    String label();

    /** Environments start when a request needs one: INIT, then the request. */
    record OnDemand() implements ColdStartStrategy {
        public String label() {
            return "on-demand";
        }
    }

    /** Environments are restored from the snapshot of a version taken after INIT. */
    record SnapStart() implements ColdStartStrategy {
        public String label() {
            return "SnapStart";
        }
    }

    /** {@code environments} kept initialised all day; requests beyond them start on demand. */
    record Provisioned(int environments) implements ColdStartStrategy {
        public Provisioned {
            if (environments < 1) {
                throw new IllegalArgumentException("Provisioned concurrency needs at least 1 environment.");
            }
        }

        public String label() {
            return "provisioned " + environments;
        }
    }

    /** Provisioned concurrency that target tracking and a scheduled floor move, as the template's autoscaling does. */
    record Autoscaled(AutoscalingSettings settings) implements ColdStartStrategy {
        public String label() {
            return "provisioned, autoscaled " + settings.minCapacity() + "-" + settings.maxCapacity()
                    + " at " + Math.round(settings.targetUtilization() * 100) + " %";
        }
    }
}
