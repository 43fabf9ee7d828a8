package dev.p2pshare.agent.web;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The agent's API description at {@code /v3/api-docs}, committed as
 * {@code openapi/peer-agent-api.yaml}. The server is the agent that serves it, so the
 * document is the same on every machine.
 */
@Configuration(proxyBeanMethods = false)
class AgentOpenApiConfiguration {

	@Bean
	OpenAPI agentOpenApi() {
		return new OpenAPI()
			.info(new Info().title("p2p-share peer agent")
				.version("v1")
				.description("One peer's local API: what it shares, and downloads to start and follow. "
						+ "Errors are RFC 9457 problem details.")
				.license(new License().name("Apache-2.0")))
			.servers(List.of(new Server().url("/").description("this agent")));
	}

}
