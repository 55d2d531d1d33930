package dev.warmtransfer.service.api;

public record TransferResponse(
    String summary, String newRoom, String agentAToken, String agentBToken, String wsUrl) {}
