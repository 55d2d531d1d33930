package dev.warmtransfer.service.token;

import dev.warmtransfer.service.api.TokenRequest;
import dev.warmtransfer.service.api.TokenResponse;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Path("/token")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {
  private static final Logger LOG = LoggerFactory.getLogger(TokenResource.class);
  private final TokenIssuer issuer;
  private final String wsUrl;

  public TokenResource(TokenIssuer issuer, String wsUrl) {
    this.issuer = issuer;
    this.wsUrl = wsUrl;
  }

  @POST
  @Operation(summary = "Mint a LiveKit access token for a caller or an agent")
  public TokenResponse token(@NotNull(message = "request body is required") @Valid TokenRequest request) {
    String token = issuer.issue(request.identity(), request.room(), request.name(), request.roleOrDefault());
    LOG.debug("event=token_issued identity={} room={} role={}", request.identity(), request.room(),
        request.roleOrDefault().wireName());
    return new TokenResponse(token, wsUrl);
  }
}
