package dev.warmtransfer.service.docs;

import io.swagger.v3.jaxrs2.ReaderListener;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.integration.api.OpenApiReader;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes into the OpenAPI document the errors every operation can answer, in the one shape they all
 * have, so a schema fuzzer checks them too: 400/408/413/415 for anything with a body, 404 for paths
 * with parameters, 429 where tokens are minted or calls created, 503 (with Retry-After) where LiveKit,
 * the summary pool or a dependency may be unavailable. Swagger finds it by its annotation.
 */
@OpenAPIDefinition
public class ErrorResponses implements ReaderListener {
  static final String ERROR_SCHEMA = "Error";
  /** The same paths the rate limit applies to (limits.RateLimitFilter). */
  private static final Pattern MINTING =
      Pattern.compile("^/(token|login|calls|calls/\\{[^/]+}/take|call-links|transfer|transfers/\\{[^/]+}/accept|move-caller)$");

  @Override
  public void beforeScan(OpenApiReader reader, OpenAPI openApi) {}

  @Override
  public void afterScan(OpenApiReader reader, OpenAPI openApi) {
    openApi.schema(ERROR_SCHEMA, new ObjectSchema()
        .addProperty("error", new StringSchema().description("what is wrong, for a person to read"))
        .addProperty("field", new StringSchema().description("the request field at fault, or body, path, headers"))
        .required(List.of("error"))
        .description("Every error the API answers"));
    if (openApi.getPaths() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
        describe(path.getKey(), op.getKey(), op.getValue());
      }
    }
  }

  private static void describe(String path, PathItem.HttpMethod method, Operation op) {
    ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
    op.setResponses(responses);
    if (op.getRequestBody() != null) {
      add(responses, "400", "a field is missing, of the wrong type or breaks its constraints (field names it), "
          + "or the body is not JSON, has duplicate keys or trailing data (field: body)");
      add(responses, "408", "the request body did not arrive within the time allowed (field: body)");
      add(responses, "413", "the request body is larger than the service accepts (field: body)");
      add(responses, "415", "the body is not application/json");
    }
    if (path.contains("{")) {
      add(responses, "404", "nothing of that name (field: path)");
    }
    if (method == PathItem.HttpMethod.POST && MINTING.matcher(path).matches()) {
      responses.addApiResponse("429", error("too many requests from this address or client; retry after Retry-After seconds")
          .addHeaderObject("Retry-After", retryAfter()));
    }
    if (method == PathItem.HttpMethod.POST || path.equals("/ready")) {
      responses.addApiResponse("503", error("LiveKit, the summary pool or another dependency is unavailable or full; "
          + "retry after Retry-After seconds").addHeaderObject("Retry-After", retryAfter()));
    }
  }

  private static void add(ApiResponses responses, String status, String description) {
    if (!responses.containsKey(status)) {
      responses.addApiResponse(status, error(description));
    }
  }

  private static ApiResponse error(String description) {
    Schema<?> ref = new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA);
    return new ApiResponse().description(description)
        .content(new Content().addMediaType("application/json", new MediaType().schema(ref)));
  }

  private static Header retryAfter() {
    return new Header().description("seconds to wait before retrying").schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE));
  }
}
