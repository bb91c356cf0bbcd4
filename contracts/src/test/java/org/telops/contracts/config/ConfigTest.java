package org.telops.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {
  private static final String AUTH_TOKEN = "0123456789abcdef0123456789abwxyz";

  @Test
  @DisplayName("Without variables the database is the embedded one under ./data, made absolute")
  void databaseDefaults() {
    DatabaseConfig db = DatabaseConfig.fromEnv(Map.of());
    assertThat(db.embedded()).isTrue();
    assertThat(db.url()).isNull();
    assertThat(db.user()).isEqualTo("postgres");
    assertThat(db.password()).isNull();
    assertThat(db.dataDir().isAbsolute()).isTrue();
    assertThat(db.dataDir()).isEqualTo(Path.of("").toAbsolutePath().resolve("data").normalize());
    assertThat(db.embeddedPort()).isEqualTo(54329);
    assertThat(db.poolSize()).isEqualTo(10);
  }

  @Test
  @DisplayName("An external PostgreSQL URL is used as given and has no default user")
  void externalDatabase() {
    DatabaseConfig db = DatabaseConfig.fromEnv(Map.of("TELOPS_DB_URL", " jdbc:postgresql://db:5432/telops ",
        "TELOPS_DATA_DIR", "/var/lib/telops/../telops", "TELOPS_DB_POOL_SIZE", "25"));
    assertThat(db.embedded()).isFalse();
    assertThat(db.url()).isEqualTo("jdbc:postgresql://db:5432/telops");
    assertThat(db.user()).isNull();
    assertThat(db.dataDir()).isEqualTo(Path.of("/var/lib/telops"));
    assertThat(db.poolSize()).isEqualTo(25);
  }

  @Test
  @DisplayName("A non-PostgreSQL database URL is refused naming the variable, with its password masked")
  void mysqlUrlRefused() {
    assertThatThrownBy(() -> DatabaseConfig.fromEnv(Map.of("TELOPS_DB_URL", "mysql://root:hunter2@db/telops")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TELOPS_DB_URL=mysql://root:****@db/telops")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  @DisplayName("Without variables HTTP binds 127.0.0.1:8080 and the public URL is derived from the port")
  void httpDefaults() {
    HttpConfig http = HttpConfig.fromEnv(Map.of());
    assertThat(http.host()).isEqualTo("127.0.0.1");
    assertThat(http.port()).isEqualTo(8080);
    assertThat(http.publicBaseUrl()).isEqualTo("http://127.0.0.1:8080");
    assertThat(HttpConfig.fromEnv(Map.of("TELOPS_HTTP_PORT", "9090")).publicBaseUrl())
        .isEqualTo("http://127.0.0.1:9090");
  }

  @Test
  @DisplayName("An explicit public base URL loses its trailing slashes and survives binding another port")
  void explicitPublicUrl() {
    HttpConfig http = HttpConfig.fromEnv(Map.of("TELOPS_PUBLIC_BASE_URL", "https://telops.example.com//",
        "TELOPS_HTTP_HOST", "0.0.0.0"));
    assertThat(http.publicBaseUrl()).isEqualTo("https://telops.example.com");
    assertThat(http.host()).isEqualTo("0.0.0.0");
    assertThat(http.withPort(43210).publicBaseUrl()).isEqualTo("https://telops.example.com");
  }

  @Test
  @DisplayName("After binding port 0 the derived public URL follows the actual port")
  void withPortFollowsDerivedUrl() {
    HttpConfig bound = HttpConfig.fromEnv(Map.of("TELOPS_HTTP_PORT", "0")).withPort(43210);
    assertThat(bound.port()).isEqualTo(43210);
    assertThat(bound.publicBaseUrl()).isEqualTo("http://127.0.0.1:43210");
  }

  @ParameterizedTest(name = "{0}={1}")
  @DisplayName("A bad value fails with a ConfigException naming the variable and the value")
  @CsvSource(delimiter = '|', value = {
    "TELOPS_HTTP_PORT                | abc",
    "TELOPS_HTTP_PORT                | 70000",
    "TELOPS_HTTP_PORT                | -1",
    "TELOPS_HTTP_PORT                | 80.5",
    "TELOPS_PUBLIC_BASE_URL          | ftp://x",
    "TELOPS_PUBLIC_BASE_URL          | telops.example.com",
    "TELOPS_PUBLIC_BASE_URL          | http://exa mple.com",
    "TELOPS_EMBEDDED_DB_PORT         | 80",
    "TELOPS_DB_POOL_SIZE             | 1",
    "TELOPS_TELNYX_TOLERANCE_SECONDS | 0",
  })
  void badValueNamed(String variable, String value) {
    Map<String, String> env = Map.of(variable, value);
    assertThatThrownBy(() -> PlatformConfig.fromEnv(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(variable + "=" + value);
  }

  @Test
  @DisplayName("Values are trimmed and blank values mean the default")
  void trimmedAndBlank() {
    assertThat(HttpConfig.fromEnv(Map.of("TELOPS_HTTP_PORT", " 8081 ")).port()).isEqualTo(8081);
    assertThat(HttpConfig.fromEnv(Map.of("TELOPS_HTTP_PORT", "  ")).port()).isEqualTo(8080);
    assertThat(CarrierCredentials.fromEnv(Map.of()).telnyxToleranceSeconds()).isEqualTo(300);
  }

  @Test
  @DisplayName("describe() shows only the last 4 characters of a long secret and nothing of a short one")
  void secretsMasked() {
    CarrierCredentials c = CarrierCredentials.fromEnv(Map.of("TELOPS_TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef",
        "TELOPS_TWILIO_AUTH_TOKEN", AUTH_TOKEN, "TELOPS_TELNYX_API_KEY", "KEYshort"));
    Map<String, String> d = c.describe();
    assertThat(d.get("TELOPS_TWILIO_AUTH_TOKEN")).isEqualTo("****wxyz");
    assertThat(d.get("TELOPS_TELNYX_API_KEY")).isEqualTo("****");
    assertThat(d.get("TELOPS_TELNYX_PUBLIC_KEY")).isEqualTo("(not set)");
    assertThat(d.values()).noneMatch(v -> v.contains("0123456789ab"));
    assertThat(CarrierCredentials.fromEnv(Map.of()).describe().get("TELOPS_TWILIO_AUTH_TOKEN")).isEqualTo("(not set)");
  }

  @Test
  @DisplayName("describe() masks a password given inside the JDBC URL, as a parameter or as user info")
  void jdbcPasswordMasked() {
    DatabaseConfig q = DatabaseConfig.fromEnv(Map.of("TELOPS_DB_URL",
        "jdbc:postgresql://db:5432/telops?user=app&PASSWORD=s3cr3t-pw&ssl=true", "TELOPS_DB_PASSWORD", "another-s3cr3t"));
    assertThat(q.describe().get("TELOPS_DB_URL"))
        .isEqualTo("jdbc:postgresql://db:5432/telops?user=app&PASSWORD=****&ssl=true");
    assertThat(q.describe().get("TELOPS_DB_PASSWORD")).isEqualTo("****cr3t");
    assertThat(DatabaseConfig.maskUrl("jdbc:postgresql://app:s3cr3t-pw@db:5432/telops"))
        .isEqualTo("jdbc:postgresql://app:****@db:5432/telops");
    assertThat(DatabaseConfig.fromEnv(Map.of()).describe().get("TELOPS_DB_URL")).contains("embedded");
  }

  @Test
  @DisplayName("The platform description gathers every module's settings and leaks no secret")
  void platformDescribe() {
    PlatformConfig p = PlatformConfig.fromEnv(Map.of("TELOPS_TWILIO_AUTH_TOKEN", AUTH_TOKEN,
        "TELOPS_DB_PASSWORD", "correct-horse-battery"));
    Map<String, String> d = p.describe();
    assertThat(d).containsKeys("TELOPS_DB_URL", "TELOPS_HTTP_PORT", "TELOPS_TWILIO_AUTH_TOKEN");
    assertThat(String.join("|", d.values())).doesNotContain(AUTH_TOKEN.substring(0, 28), "correct-horse");
  }

  @Test
  @DisplayName("Booleans accept the usual spellings and refuse anything else naming the variable")
  void booleans() {
    Env env = new Env(Map.of("A", "Yes", "B", "off", "C", "maybe"));
    assertThat(env.bool("A", false)).isTrue();
    assertThat(env.bool("B", true)).isFalse();
    assertThat(env.bool("MISSING", true)).isTrue();
    assertThatThrownBy(() -> env.bool("C", false)).isInstanceOf(ConfigException.class).hasMessageContaining("C=maybe");
  }
}
