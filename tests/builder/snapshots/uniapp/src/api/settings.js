export default {"baseUrl":"https://api.example.com","batchLimit":10,"cacheSeconds":30,"defaultLocale":"zh-CN","locales":["zh-CN"],"shopId":7,"webpParam":"format=webp"}
