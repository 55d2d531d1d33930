package dev.warmtransfer.service.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * API answers are never cached: tokens, call links and sessions travel in them, and a shared cache
 * (a proxy, the browser's disk) must not keep one. Static files set their own caching and keep it.
 */
public final class NoStoreFilter implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    MediaType type = response.getMediaType();
    if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)
        && (type == null || MediaType.APPLICATION_JSON_TYPE.isCompatible(type))) {
      response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
    }
  }
}
