export default {"pages":{"about":"/pkg_info/pages/about/index","home":"/pages/home/index","me":"/pages/me/index"},"special":{},"system":{},"tabs":["home","me"]}
