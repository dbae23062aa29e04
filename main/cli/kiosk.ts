// placeholder entry replaced below
console.log('kiosk');
