/** "What the network sees": the 28x28 input, one canvas pixel per input pixel, scaled up by CSS. */
export class InputPreview {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly image: ImageData;

  constructor(canvas: HTMLCanvasElement, private readonly side = 28) {
    canvas.width = canvas.height = side;
    this.ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    this.image = this.ctx.createImageData(side, side);
  }

  update(input: readonly number[]): void {
    const px = this.image.data;
    for (let i = 0; i < this.side * this.side; i++) {
      const v = Math.round(Math.min(1, Math.max(0, input[i] ?? 0)) * 255);
      px[i * 4] = px[i * 4 + 1] = px[i * 4 + 2] = v;
      px[i * 4 + 3] = 255;
    }
    this.ctx.putImageData(this.image, 0, 0);
  }
}
