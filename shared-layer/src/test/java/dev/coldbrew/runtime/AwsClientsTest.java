package dev.coldbrew.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

class AwsClientsTest {
    @Test
    void urlConnectionIsTheDefaultHttpClient() {
        assertInstanceOf(UrlConnectionHttpClient.class, AwsClients.newHttpClient(null));
        assertInstanceOf(UrlConnectionHttpClient.class, AwsClients.newHttpClient("URLConnection"));
    }

    @Test
    void crtCanBeChosenWhenOnTheClasspath() {
        try (var client = AwsClients.newHttpClient("crt")) {
            assertInstanceOf(AwsCrtHttpClient.class, client);
        }
    }

    @Test
    void unknownHttpClientIsAConfigurationError() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> AwsClients.newHttpClient("apache"));
        assertTrue(e.getMessage().contains("urlconnection or crt"), e.getMessage());
    }

    @Test
    void oneHttpClientIsSharedByAllSdkClients() {
        assertTrue(AwsClients.httpClient() == AwsClients.httpClient());
    }

    @Test
    void regionComesFromAwsRegionSetting() {
        String previous = System.getProperty("aws.region");
        System.setProperty("aws.region", "eu-west-1");
        try {
            assertEquals("eu-west-1", AwsClients.region().id());
        } finally {
            if (previous == null) {
                System.clearProperty("aws.region");
            } else {
                System.setProperty("aws.region", previous);
            }
        }
    }
}
