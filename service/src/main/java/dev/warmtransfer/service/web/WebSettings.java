package dev.warmtransfer.service.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the web app behaves (config.yml {@code web:}).
 *
 * @param devMode offers the seed's demo join form (Identity, Room, Role, "Join Room"); off in
 *     production, where callers come only through "Call us" or a call link ({@code WT_DEV_MODE})
 */
public record WebSettings(@JsonProperty("devMode") boolean devMode) {}
