module example.com/tiny
