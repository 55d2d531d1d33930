package dev.warmtransfer.service.api;

public record TokenResponse(String token, String wsUrl) {}
