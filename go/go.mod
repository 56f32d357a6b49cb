module github.com/flash-orm/flash-orm/go

go 1.21
