package dev.p2pshare.tracker.config;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description served at {@code /v3/api-docs} and shown by Swagger UI. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String WRITE_TOKEN = "writeToken";

	@Bean
	OpenAPI trackerOpenApi() {
		return new OpenAPI()
			.info(new Info().title("p2p-share tracker")
				.version("v1")
				.description("The swarm's registry: which files exist, their chunk hashes, and which live peer "
						+ "holds which chunks. Errors are RFC 9457 problem details.")
				.license(new License().name("Apache-2.0")))
			// the tracker that serves the document, so it is the same on every machine
			.servers(List.of(new Server().url("/").description("this tracker")))
			.components(new Components().addSecuritySchemes(WRITE_TOKEN,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("Needed by mutating operations only when tracker.write-token is set")));
	}

	/** Marks every mutating operation as one that may need the write token. */
	@Bean
	OperationCustomizer writeTokenRequirement() {
		return (operation, handlerMethod) -> {
			boolean readOnly = handlerMethod
				.hasMethodAnnotation(org.springframework.web.bind.annotation.GetMapping.class);
			return readOnly ? operation : operation.addSecurityItem(new SecurityRequirement().addList(WRITE_TOKEN));
		};
	}

}
