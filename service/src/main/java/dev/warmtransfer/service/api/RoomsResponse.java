package dev.warmtransfer.service.api;

import java.util.List;

public record RoomsResponse(List<RoomView> rooms) {}
