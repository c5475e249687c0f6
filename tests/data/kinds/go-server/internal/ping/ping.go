package ping

func Pong() string { return "pong" }
