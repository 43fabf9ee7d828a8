package dev.p2pshare.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON over HTTP to the tracker and the agents, on loopback. */
final class Http {

	static final JsonMapper json = JsonMapper.builder().build();

	/** Where a write for a peer carries the secret its registration returned. */
	static final String SECRET_HEADER = "X-Peer-Secret";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** The status of a GET, or 0 when nothing answers. */
	int status(String url) {
		try {
			return this.client.send(request(url).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	JsonNode get(String url) throws IOException, InterruptedException {
		return json.readTree(getString(url));
	}

	/** The body of a GET, as it came. */
	String getString(String url) throws IOException, InterruptedException {
		return send(request(url).GET().build());
	}

	/** POSTs an object as JSON; returns the response body. */
	String post(String url, Object body) throws IOException, InterruptedException {
		return post(url, body, null);
	}

	/**
	 * POSTs an object as JSON for a peer, proven by its secret (null: none); returns the
	 * response body.
	 */
	String post(String url, Object body, String peerSecret) throws IOException, InterruptedException {
		HttpRequest.Builder request = request(url).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
		if (peerSecret != null) {
			request.header(SECRET_HEADER, peerSecret);
		}
		return send(request.build());
	}

	/**
	 * POSTs one object as JSON to every URL at once, as users on as many machines would,
	 * and waits for every answer; fails when any fails.
	 */
	void postAll(List<String> urls, Object body) throws IOException, InterruptedException {
		String payload = json.writeValueAsString(body);
		List<HttpRequest> requests = urls.stream()
			.map((url) -> request(url).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(payload))
				.build())
			.toList();
		List<CompletableFuture<HttpResponse<String>>> answers = requests.stream()
			.map((request) -> this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
			.toList();
		for (int i = 0; i < requests.size(); i++) {
			try {
				checked(requests.get(i), answers.get(i).get());
			}
			catch (ExecutionException ex) {
				throw new IOException(requests.get(i).method() + " " + requests.get(i).uri() + " failed: "
						+ ex.getCause().getMessage(), ex.getCause());
			}
		}
	}

	/** PUTs an object as JSON; returns the response body. */
	String put(String url, Object body) throws IOException, InterruptedException {
		return send(request(url).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.build());
	}

	private String send(HttpRequest request) throws IOException, InterruptedException {
		return checked(request, this.client.send(request, HttpResponse.BodyHandlers.ofString()));
	}

	private static String checked(HttpRequest request, HttpResponse<String> response) throws IOException {
		if (response.statusCode() >= 300) {
			throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return response.body();
	}

	private static HttpRequest.Builder request(String url) {
		return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
	}

}
