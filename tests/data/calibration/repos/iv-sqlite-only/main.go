package main

import (
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jinzhu/gorm"
	_ "github.com/jinzhu/gorm/dialects/sqlite"
)

type Note struct {
	gorm.Model
	Title string `json:"title"`
	Body  string `json:"body"`
}

func main() {
	db, err := gorm.Open("sqlite3", "./app.db")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	db.AutoMigrate(&Note{})

	r := gin.Default()
	r.GET("/notes", func(c *gin.Context) {
		var notes []Note
		db.Order("id desc").Find(&notes)
		c.JSON(http.StatusOK, notes)
	})
	r.POST("/notes", func(c *gin.Context) {
		var note Note
		if err := c.ShouldBindJSON(&note); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		db.Create(&note)
		c.JSON(http.StatusCreated, note)
	})
	log.Fatal(r.Run(":8080"))
}
