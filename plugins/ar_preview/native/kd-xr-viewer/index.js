// kaidian's xr-frame viewer (the AR preview plugin): shows one glTF/GLB model with orbit and
// zoom (camera-orbit-control), or, with `ar`, places it on a detected plane where the customer
// taps. It tells the page how loading went: `loaded`, `placed`, and `failed` when the model did
// not arrive in time (the page then falls back to the 3D view, then to the poster).
const LOAD_TIMEOUT_MS = 20000

Component({
  properties: {
    src: { type: String, value: '' },
    ar: { type: Boolean, value: false },
    width: { type: Number, value: 300 },
    height: { type: Number, value: 300 }
  },
  data: { placed: false },
  lifetimes: {
    attached() {
      this.timer = setTimeout(() => {
        if (!this.loaded) this.triggerEvent('failed', { reason: 'timeout' })
      }, LOAD_TIMEOUT_MS)
    },
    detached() {
      clearTimeout(this.timer)
      this.scene = null
    }
  },
  methods: {
    handleReady(event) {
      this.scene = event.detail.value
    },
    handleAssetsLoaded() {
      this.loaded = true
      clearTimeout(this.timer)
      this.triggerEvent('loaded', {})
    },
    handleModelLoaded() {
      this.triggerEvent('shown', {})
    },
    placeHere() {
      if (!this.properties.ar || !this.scene || !this.scene.ar) return
      this.scene.ar.placeHere('placed', true)
      if (!this.data.placed) this.setData({ placed: true })
      this.triggerEvent('placed', {})
    }
  }
})
