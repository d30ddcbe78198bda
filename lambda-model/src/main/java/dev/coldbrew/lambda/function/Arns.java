package dev.coldbrew.lambda.function;

/** ARNs in the emulator's fixed region and account, spelled as Lambda spells them. */
public record Arns(String region, String accountId) {
    public static final String LOCAL_ACCOUNT = "123456789012";

    public String function(String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    public String qualified(String name, String qualifier) {
        return function(name) + ":" + qualifier;
    }

    public String layerVersion(String layerName, int version) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":layer:" + layerName + ":" + version;
    }

    public String table(String tableName) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableName;
    }
}
