package dev.warmtransfer.service.api;

public record RoomResponse(RoomView room) {}
