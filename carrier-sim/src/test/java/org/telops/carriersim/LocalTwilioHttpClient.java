package org.telops.carriersim;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.util.List;
import java.util.Map;

/**
 * Points the official Twilio Java SDK at the sim: the SDK builds https://api.twilio.com/… URLs; this
 * HttpClient (the SDK's own extension point, set with {@code TwilioRestClient.Builder.httpClient})
 * rewrites them onto the sim's base URL and lets the SDK's {@link NetworkHttpClient} do the rest —
 * same form encoding, Basic auth header, JSON parsing and error mapping as against Twilio.
 */
final class LocalTwilioHttpClient extends HttpClient {
  private final String baseUrl;
  private final NetworkHttpClient delegate = new NetworkHttpClient();

  LocalTwilioHttpClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  @Override
  public Response makeRequest(Request request) {
    String url = request.constructURL().toString().replaceFirst("^https://api\\.twilio\\.com", baseUrl);
    Request local = new Request(request.getMethod(), url);
    if (request.getAuthStrategy() != null) {
      local.setAuth(request.getAuthStrategy());
    } else {
      local.setAuth(request.getUsername(), request.getPassword());
    }
    for (Map.Entry<String, List<String>> e : request.getPostParams().entrySet()) {
      e.getValue().forEach(v -> local.addPostParam(e.getKey(), v));
    }
    for (Map.Entry<String, List<String>> e : request.getHeaderParams().entrySet()) {
      e.getValue().forEach(v -> local.addHeaderParam(e.getKey(), v));
    }
    if (request.getContentType() != null) {
      local.setContentType(request.getContentType());
    }
    return delegate.makeRequest(local);
  }

  static com.twilio.http.TwilioRestClient client(String baseUrl, String accountSid, String authToken) {
    return new com.twilio.http.TwilioRestClient.Builder(accountSid, authToken)
        .httpClient(new LocalTwilioHttpClient(baseUrl)).build();
  }
}
